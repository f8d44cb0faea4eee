-- Purpose: a steward marks one report of their feed acknowledged, resolved or new again.
-- Params:  $1 report id uuid, $2 feed id text, $3 jurisdiction id text (the key's), $4 status text, $5 api key id bigint
-- Columns: id, status, updated_at (no row: no such report in this feed for this jurisdiction)
UPDATE point_reports
SET status = $4, updated_at = now(), updated_by_key_id = $5
WHERE id = $1::uuid AND feed_id = $2 AND jurisdiction_id = $3
RETURNING id, status, updated_at;
