-- Purpose: every population unit with a shape or a point, with its distance to the
--          nearest published point (the stored 'all' scope), for the in-memory tile index.
-- Params:  none
-- Columns: id, name, province, population, distance_m (null: no point, or store empty),
--          lon, lat (the representative point, null if none), geometry text (GeoJSON,
--          the polygon if any else the point, 5 decimals: about a metre)
SELECT u.id, u.name, u.province, u.population, c.distance_m, ST_X(u.point) AS lon, ST_Y(u.point) AS lat,
  ST_AsGeoJSON(coalesce(u.geom, u.point), 5) AS geometry
FROM population_units u
LEFT JOIN coverage_distances c ON c.scope = 'all' AND c.unit_id = u.id
WHERE coalesce(u.geom, u.point) IS NOT NULL
ORDER BY u.id;
