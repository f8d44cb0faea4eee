-- Purpose: the straight-line distance source. Stores, for every located population
--          unit, its nearest published service point matching one scope's filters,
--          found by KNN (<->) on the GiST index of coverage_scope_points (the scope's
--          matching points, made just before by coverage_scope_points.sql).
--          A network-distance source would be another file with the same
--          parameters and the same rows written.
-- Params:  $1 scope key text ('all', 'level:federal', 'category:passport', 'live:<token>'),
--          $2 unit provinces text[] | null (live queries only compute the units they will read)
--          The caller turns enable_sort off for this statement: otherwise, for a selective
--          filter (a category), the planner fetches every matching point and sorts it for
--          each unit instead of walking the KNN index (0.9 s instead of 0.03 s for
--          1,000 units x 300 points, and quadratic as both grow).
-- Columns: none (INSERT into coverage_distances). Units with no point stay out: they are
--          "not located". The caller skips a scope no point matches (coverage_scope_has_points).
INSERT INTO coverage_distances (scope, unit_id, distance_m, nearest_point_pk, nearest_point_id)
SELECT $1::text, u.id, n.distance_m, n.pk, n.id
FROM population_units u
LEFT JOIN LATERAL (
  SELECT sp.pk, sp.id, ST_Distance(sp.geog, u.point::geography, false) AS distance_m
  FROM coverage_scope_points sp
  ORDER BY sp.geog <-> u.point::geography
  LIMIT 1
) n ON true
WHERE u.point IS NOT NULL
  AND ($2::text[] IS NULL OR u.province = ANY ($2::text[]));
