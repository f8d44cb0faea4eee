-- Purpose: the version published before the current one (the newest superseded one), for a
--          rollback.
-- Params:  $1 feed id text, $2 current version id bigint | null
-- Columns: id
SELECT id FROM feed_versions WHERE feed_id = $1 AND status = 'superseded' AND ($2::bigint IS NULL OR id < $2)
ORDER BY published_at DESC NULLS LAST, id DESC LIMIT 1;
