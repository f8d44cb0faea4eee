-- Purpose: marks a version of a feed published (no row when the version is not that feed's).
-- Params:  $1 version id bigint, $2 feed id text
-- Columns: id
UPDATE feed_versions SET status = 'published', published_at = now() WHERE id = $1 AND feed_id = $2 RETURNING id;
