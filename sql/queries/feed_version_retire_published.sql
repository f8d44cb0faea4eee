-- Purpose: the version published until now stops being the published one (superseded, or rolled
--          back).
-- Params:  $1 feed id text, $2 version id about to be published bigint, $3 its new status text
--          ('superseded' | 'rolled_back')
-- Columns: id (of each version retired)
UPDATE feed_versions SET status = $3 WHERE feed_id = $1 AND status = 'published' AND id <> $2 RETURNING id;
