-- Purpose: the boundaries of some population units, for a GeoJSON export of an atlas
--          layer's table with shapes instead of points.
-- Params:  $1 unit ids text[]
-- Columns: id text, geometry text (GeoJSON: the polygon if any, else the representative
--          point; 5 decimals, about a metre)
SELECT u.id, ST_AsGeoJSON(coalesce(u.geom, u.point), 5) AS geometry
FROM population_units u
WHERE u.id = ANY ($1::text[]) AND coalesce(u.geom, u.point) IS NOT NULL;
