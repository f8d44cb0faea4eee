-- Purpose: first step of moving a scope's staged distances (coverage_scope_staging) into the
--          coverage store: rewrites, in place, only the rows whose nearest point or distance
--          changed. After a publish most units keep their nearest point, and an unchanged
--          row costs nothing to keep.
-- Params:  $1 scope key text
-- Columns: none (UPDATE)
UPDATE coverage_distances c
SET distance_m = s.distance_m, nearest_point_pk = s.nearest_point_pk, nearest_point_id = s.nearest_point_id
FROM coverage_scope_staging s
WHERE c.scope = $1::text
  AND c.unit_id = s.unit_id
  AND (c.distance_m IS DISTINCT FROM s.distance_m
    OR c.nearest_point_pk IS DISTINCT FROM s.nearest_point_pk
    OR c.nearest_point_id IS DISTINCT FROM s.nearest_point_id);
