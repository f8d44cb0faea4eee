-- Purpose: population units within the threshold of points of exactly one order of
--          government (communities a single government serves). Each scope group is
--          one order of government; its distance is the smallest over its scopes.
-- Params:  $1 scope keys text[], $2 the order of government of each key text[] (same length),
--          $3 threshold metres float8, $4 unit provinces text[] | null, $5 limit int, $6 offset int
-- Columns: unit_id, name, province, population, lon, lat, level text (the one order within
--          reach), nearest_distance_m float8, nearest_point_id text, total int,
--          total_population float8, population_by_level jsonb ({level: population}),
--          by_province_level jsonb ({province: {level: {units, population}}} over every unit listed)
WITH keyed AS (
  SELECT k.scope, k.level FROM unnest($1::text[], $2::text[]) AS k(scope, level)
),
per_level AS (
  SELECT DISTINCT ON (c.unit_id, k.level) c.unit_id, k.level, c.distance_m, c.nearest_point_id
  FROM coverage_distances c JOIN keyed k ON k.scope = c.scope
  WHERE c.distance_m <= $3::float8
  ORDER BY c.unit_id, k.level, c.distance_m
),
single AS (
  SELECT unit_id, min(level) AS level, min(distance_m) AS distance_m, min(nearest_point_id) AS nearest_point_id
  FROM per_level
  GROUP BY unit_id
  HAVING count(*) = 1
),
listed AS (
  SELECT u.id AS unit_id, u.name, u.province, u.population, ST_X(u.point) AS lon, ST_Y(u.point) AS lat,
    s.level, s.distance_m AS nearest_distance_m, s.nearest_point_id
  FROM single s JOIN population_units u ON u.id = s.unit_id
  WHERE u.point IS NOT NULL AND ($4::text[] IS NULL OR u.province = ANY ($4::text[]))
),
by_level AS (
  SELECT coalesce(jsonb_object_agg(level, population), '{}'::jsonb) AS population_by_level
  FROM (SELECT level, coalesce(sum(population), 0)::float8 AS population FROM listed GROUP BY level) x
),
by_province_level AS (
  SELECT coalesce(jsonb_object_agg(province, levels), '{}'::jsonb) AS j
  FROM (
    SELECT province, jsonb_object_agg(level, jsonb_build_object('units', n, 'population', pop)) AS levels
    FROM (SELECT coalesce(province, '') AS province, level, count(*)::int AS n, coalesce(sum(population), 0)::float8 AS pop
          FROM listed GROUP BY 1, 2) x
    GROUP BY province
  ) y
)
SELECT l.*, count(*) OVER ()::int AS total, coalesce(sum(l.population) OVER (), 0)::float8 AS total_population,
  (SELECT population_by_level FROM by_level) AS population_by_level,
  (SELECT j FROM by_province_level) AS by_province_level
FROM listed l
ORDER BY l.population DESC NULLS LAST, l.unit_id
LIMIT $5 OFFSET $6;
