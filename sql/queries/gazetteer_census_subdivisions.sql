-- Purpose: every census subdivision with a point, for the geocoder to locate communities by their
--          census name.
-- Params:  none
-- Columns: name, province, population, lon, lat, located_by
SELECT name, province, population, ST_X(point) AS lon, ST_Y(point) AS lat, indicators->>'located_by' AS located_by
FROM population_units
WHERE indicators ? 'csd_code' AND point IS NOT NULL;
