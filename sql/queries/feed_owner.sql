-- Purpose: the jurisdiction that holds a feed id.
-- Params:  $1 feed id text
-- Columns: jurisdiction_id
SELECT jurisdiction_id FROM feeds WHERE id = $1;
