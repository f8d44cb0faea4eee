-- Purpose: the population_units tile cut by PostGIS (ST_AsMVT; server mode only), for
--          comparison with the tiles cut in Node: polygons simplified to the tile's
--          resolution from zoom $4 on, representative points (most populous first,
--          at most $5) below it.
-- Params:  $1 z int, $2 x int, $3 y int, $4 polygon min zoom int, $5 points per tile int
-- Columns: mvt bytea
WITH bounds AS (
  SELECT ST_TileEnvelope($1, $2, $3) AS env, ST_Transform(ST_TileEnvelope($1, $2, $3), 4326) AS env4326,
    -- one tile unit, in metres of web mercator
    40075016.68557849 / (2 ^ $1) / 4096 AS unit_m
),
shapes AS (
  SELECT u.id, u.name, u.province, u.population, round(c.distance_m)::int AS distance_m,
    ST_AsMVTGeom(ST_Simplify(ST_Transform(coalesce(u.geom, u.point), 3857), b.unit_m), b.env, 4096, 64, true) AS geom
  FROM population_units u
  CROSS JOIN bounds b
  LEFT JOIN coverage_distances c ON c.scope = 'all' AND c.unit_id = u.id
  -- Two indexable tests (GiST on geom, on point) rather than one on an expression.
  WHERE $1 >= $4 AND (u.geom && b.env4326 OR (u.geom IS NULL AND u.point && b.env4326))
),
points AS (
  SELECT u.id, u.name, u.province, u.population, round(c.distance_m)::int AS distance_m,
    ST_AsMVTGeom(ST_Transform(u.point, 3857), b.env, 4096, 64, true) AS geom
  FROM population_units u
  CROSS JOIN bounds b
  LEFT JOIN coverage_distances c ON c.scope = 'all' AND c.unit_id = u.id
  WHERE $1 < $4 AND u.point && b.env4326
  ORDER BY u.population DESC NULLS LAST
  LIMIT $5
),
features AS (
  SELECT * FROM shapes WHERE geom IS NOT NULL
  UNION ALL
  SELECT * FROM points WHERE geom IS NOT NULL
)
SELECT ST_AsMVT(features.*, 'population_units', 4096, 'geom') AS mvt FROM features;
