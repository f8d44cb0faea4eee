-- Purpose: for suggested shared sites, which existing published service points (of any
--          order of government) would bring which uncovered population units within the
--          threshold if the matching services were offered there too.
-- Params:  $1 scopes text[], $2 threshold metres float8, $3 unit provinces text[] | null,
--          $4 stored boolean (the uncovered units from coverage_gap_distances: $1 is one stored
--          scope and $2 at or beyond its coverage_gap_scopes.beyond_m)
-- Columns: candidate_id text, name text, lon, lat, unit_id text, population float8
WITH d AS (
  SELECT c.unit_id, min(c.distance_m) AS distance_m FROM coverage_distances c
  WHERE NOT $4::boolean AND c.scope = ANY ($1::text[]) GROUP BY c.unit_id
),
gap AS (
  SELECT u.id, u.point::geography AS geog, u.population::float8 AS population
  FROM population_units u LEFT JOIN d ON d.unit_id = u.id
  WHERE NOT $4::boolean AND u.point IS NOT NULL AND u.population > 0
    AND (d.distance_m IS NULL OR d.distance_m > $2::float8)
    AND ($3::text[] IS NULL OR u.province = ANY ($3::text[]))
  UNION ALL
  -- One stored scope: its far units stored at refresh are the same units.
  SELECT u.id, u.point::geography AS geog, u.population::float8 AS population
  FROM coverage_gap_distances g
  -- One primary-key lookup per far unit (OFFSET 0 keeps the planner from hashing every unit
  -- instead: it cannot know how few far units a scope has).
  CROSS JOIN LATERAL (SELECT * FROM population_units x WHERE x.id = g.unit_id OFFSET 0) u
  WHERE $4::boolean AND g.scope = ($1::text[])[1] AND u.point IS NOT NULL AND u.population > 0
    AND (g.distance_m IS NULL OR g.distance_m > $2::float8)
    AND ($3::text[] IS NULL OR u.province = ANY ($3::text[]))
)
SELECT 'point:' || sp.id AS candidate_id, sp.name_en AS name, sp.lon, sp.lat, g.id AS unit_id, g.population
FROM gap g
JOIN service_points sp ON sp.is_published AND sp.geog IS NOT NULL AND ST_DWithin(sp.geog, g.geog, $2::float8, false)
ORDER BY candidate_id, unit_id;
