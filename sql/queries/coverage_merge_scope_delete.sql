-- Purpose: second step of moving a scope's staged distances into the coverage store: removes
--          the scope's rows for units that are no longer located (or no longer exist).
-- Params:  $1 scope key text
-- Columns: none (DELETE)
DELETE FROM coverage_distances c
WHERE c.scope = $1::text
  AND NOT EXISTS (SELECT 1 FROM coverage_scope_staging s WHERE s.unit_id = c.unit_id);
