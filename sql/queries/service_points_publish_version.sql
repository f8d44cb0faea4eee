-- Purpose: shows the rows of the version just published.
-- Params:  $1 version id bigint
-- Columns: none
UPDATE service_points SET is_published = true WHERE feed_version_id = $1 AND NOT is_published;
