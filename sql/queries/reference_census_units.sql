-- Purpose: one source's census subdivisions in code order, with their point and, when located by
--          their own polygon, their shape as GeoJSON.
-- Params:  $1 source text
-- Columns: indicators, name, province, population, lon, lat, shape
SELECT indicators, name, province, population, ST_X(point) AS lon, ST_Y(point) AS lat,
       CASE WHEN indicators->>'located_by' = 'csd_polygon' THEN ST_AsGeoJSON(geom) END AS shape
FROM population_units WHERE source = $1 ORDER BY indicators->>'csd_code';
