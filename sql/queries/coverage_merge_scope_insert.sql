-- Purpose: last step of moving a scope's staged distances into the coverage store: adds the
--          rows of units the scope had none for (every unit, the first time), in unit order
--          so they append to the primary key.
-- Params:  $1 scope key text
-- Columns: none (INSERT into coverage_distances)
INSERT INTO coverage_distances (scope, unit_id, distance_m, nearest_point_pk, nearest_point_id)
SELECT $1::text, s.unit_id, s.distance_m, s.nearest_point_pk, s.nearest_point_id
FROM coverage_scope_staging s
WHERE NOT EXISTS (SELECT 1 FROM coverage_distances c WHERE c.scope = $1::text AND c.unit_id = s.unit_id)
ORDER BY s.unit_id;
