-- Purpose: the spatial extent of each OGC collection, for /ogc/collections.
-- Params:  none
-- Columns: collection text, min_lon, min_lat, max_lon, max_lat (float8, null when empty)
SELECT 'service_points' AS collection, ST_XMin(e) AS min_lon, ST_YMin(e) AS min_lat, ST_XMax(e) AS max_lon, ST_YMax(e) AS max_lat
FROM (SELECT ST_Extent(geom)::geometry AS e FROM service_points WHERE is_published AND geom IS NOT NULL) a
UNION ALL
SELECT 'population_units', ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)
FROM (SELECT ST_Extent(coalesce(geom, point))::geometry AS e FROM population_units) b;
