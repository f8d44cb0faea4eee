-- Purpose: copies out, per stored scope, the coverage_distances rows of the units farther than
--          a distance (or with none), which gaps_list.sql and partnerships_suggest_*.sql read
--          for a threshold at or beyond it instead of every unit's row, and records the scopes
--          and that distance in coverage_gap_scopes. Only scopes whose far units are at most a
--          share of their rows are copied: where most units are far (one province's points,
--          seen from the rest of the country) reading them would cost as much as reading all.
-- Params:  $1 stored scopes text[], $2 distance in metres float8, $3 largest share float8 (0..1)
-- Columns: none (INSERT into coverage_gap_scopes and coverage_gap_distances)
WITH kept AS (
  SELECT c.scope
  FROM coverage_distances c
  WHERE c.scope = ANY ($1::text[])
  GROUP BY c.scope
  HAVING count(*) FILTER (WHERE c.distance_m IS NULL OR c.distance_m > $2::float8) <= $3::float8 * count(*)
),
s AS (
  INSERT INTO coverage_gap_scopes (scope, beyond_m)
  SELECT kept.scope, $2::float8 FROM kept
)
INSERT INTO coverage_gap_distances (scope, unit_id, distance_m, nearest_point_pk, nearest_point_id)
SELECT c.scope, c.unit_id, c.distance_m, c.nearest_point_pk, c.nearest_point_id
FROM coverage_distances c
WHERE c.scope IN (SELECT kept.scope FROM kept) AND (c.distance_m IS NULL OR c.distance_m > $2::float8);
