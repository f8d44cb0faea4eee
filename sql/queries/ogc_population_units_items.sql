-- Purpose: OGC API - Features items of the population_units collection: census units,
--          optionally in a bounding box (units with no geometry only match without one),
--          one page in id order, with the count of all matches.
-- Params:  $1 min lon, $2 min lat, $3 max lon, $4 max lat (float8, all null: no bbox),
--          $5 limit int, $6 offset int, $7 one feature id text | null
-- Columns: number_matched int, id, kind, name, province, population, indicators jsonb, source,
--          distance_m (stored straight-line distance to the nearest published point),
--          nearest_point_id, geometry text (GeoJSON, polygon else point, null when unlocated)
WITH matched AS (
  SELECT u.*
  FROM population_units u
  WHERE ($7::text IS NULL OR u.id = $7::text)
    AND ($1::float8 IS NULL OR coalesce(u.geom, u.point) && ST_MakeEnvelope($1, $2, $3, $4, 4326))
),
page AS (
  SELECT u.id, u.kind, u.name, u.province, u.population, u.indicators, u.source,
    c.distance_m, c.nearest_point_id, ST_AsGeoJSON(coalesce(u.geom, u.point), 6) AS geometry
  FROM matched u
  LEFT JOIN coverage_distances c ON c.scope = 'all' AND c.unit_id = u.id
  ORDER BY u.id
  LIMIT $5 OFFSET $6
)
SELECT (SELECT count(*) FROM matched)::int AS number_matched, page.*
FROM (SELECT 1) AS one LEFT JOIN page ON true;
