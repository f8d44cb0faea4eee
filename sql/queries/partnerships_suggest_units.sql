-- Purpose: for suggested shared sites, which census units' representative points (every
--          populated unit, or only First Nations and Inuit communities) would bring which
--          uncovered population units within the threshold (pairs for the greedy in
--          server/queries/analysis/greedy-max-coverage.ts). The bounding-box test uses the
--          GiST index on population_units.point; ST_DWithin on the sphere decides.
-- Params:  $1 scopes text[], $2 threshold metres float8, $3 unit provinces text[] | null
--          (of the units to cover; candidates may lie across a border), $4 indigenous only boolean,
--          $5 stored boolean (the uncovered units from coverage_gap_distances: $1 is one stored
--          scope and $2 at or beyond its coverage_gap_scopes.beyond_m)
-- Columns: candidate_id text, name text, lon, lat, unit_id text, population float8
WITH d AS (
  SELECT c.unit_id, min(c.distance_m) AS distance_m FROM coverage_distances c
  WHERE NOT $5::boolean AND c.scope = ANY ($1::text[]) GROUP BY c.unit_id
),
gap AS (
  SELECT u.id, u.point, u.population::float8 AS population,
    $2::float8 / 110574.0 AS dy,
    $2::float8 / (111320.0 * greatest(cos(radians(least(abs(ST_Y(u.point)) + $2::float8 / 110574.0, 89.9))), 0.001)) AS dx
  FROM population_units u LEFT JOIN d ON d.unit_id = u.id
  WHERE NOT $5::boolean AND u.point IS NOT NULL AND u.population > 0
    AND (d.distance_m IS NULL OR d.distance_m > $2::float8)
    AND ($3::text[] IS NULL OR u.province = ANY ($3::text[]))
  UNION ALL
  -- One stored scope: its far units stored at refresh are the same units.
  SELECT u.id, u.point, u.population::float8 AS population,
    $2::float8 / 110574.0 AS dy,
    $2::float8 / (111320.0 * greatest(cos(radians(least(abs(ST_Y(u.point)) + $2::float8 / 110574.0, 89.9))), 0.001)) AS dx
  FROM coverage_gap_distances g
  -- One primary-key lookup per far unit (OFFSET 0 keeps the planner from hashing every unit
  -- instead: it cannot know how few far units a scope has).
  CROSS JOIN LATERAL (SELECT * FROM population_units x WHERE x.id = g.unit_id OFFSET 0) u
  WHERE $5::boolean AND g.scope = ($1::text[])[1] AND u.point IS NOT NULL AND u.population > 0
    AND (g.distance_m IS NULL OR g.distance_m > $2::float8)
    AND ($3::text[] IS NULL OR u.province = ANY ($3::text[]))
)
SELECT 'unit:' || c.id AS candidate_id, c.name, ST_X(c.point) AS lon, ST_Y(c.point) AS lat, g.id AS unit_id, g.population
FROM gap g
JOIN population_units c ON c.point IS NOT NULL AND c.population > 0
  AND c.point && ST_Expand(g.point, g.dx, g.dy)
  AND ST_DWithin(c.point::geography, g.point::geography, $2::float8, false)
  AND (NOT $4::boolean OR (c.indicators ->> 'community_type') ~* '(first.?nation|inuit|premi[eè]res?.?nations?)')
ORDER BY candidate_id, unit_id;
