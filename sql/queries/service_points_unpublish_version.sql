-- Purpose: hides the rows of a version that is no longer published.
-- Params:  $1 version id bigint
-- Columns: none
UPDATE service_points SET is_published = false WHERE feed_version_id = $1 AND is_published;
