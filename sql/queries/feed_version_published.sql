-- Purpose: the published version of a feed, if any, with its checksum and stored report.
-- Params:  $1 feed id text
-- Columns: id, checksum, report
SELECT v.id, v.checksum, v.report FROM feed_versions v WHERE v.feed_id = $1 AND v.status = 'published';
