-- Purpose: how many feeds have a published version.
-- Params:  none
-- Columns: n
SELECT count(*)::int AS n FROM feed_versions WHERE status = 'published';
