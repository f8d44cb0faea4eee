-- Purpose: records a new staged version of a feed, before its rows go in.
-- Params:  $1 feed id text, $2 checksum text, $3 source name text
-- Columns: id
INSERT INTO feed_versions (feed_id, status, checksum, source_name) VALUES ($1, 'staged', $2, $3) RETURNING id;
