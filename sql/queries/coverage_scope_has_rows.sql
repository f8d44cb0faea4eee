-- Purpose: whether the coverage store already has rows for a scope (then a recompute merges
--          into them; otherwise it only adds rows).
-- Params:  $1 scope key text
-- Columns: had boolean
SELECT EXISTS (SELECT 1 FROM coverage_distances WHERE scope = $1::text) AS had;
