-- Purpose: the history of one feed, newest first, one page at a time.
-- Params:  $1 feed id text, $2 limit int, $3 offset int, $4 version id bigint | null (only that version)
-- Columns: id, feed_id, status, checksum, source_name, rows_read, rows_accepted, rows_rejected, rows_geocoded,
--          rows_warned, created_at, published_at, report (only when $4 is given, else null)
SELECT v.id, v.feed_id, v.status, v.checksum, v.source_name, v.rows_read, v.rows_accepted, v.rows_rejected,
  v.rows_geocoded, v.rows_warned, v.created_at, v.published_at,
  CASE WHEN $4::bigint IS NULL THEN NULL ELSE v.report END AS report
FROM feed_versions v
WHERE v.feed_id = $1 AND ($4::bigint IS NULL OR v.id = $4::bigint)
ORDER BY v.id DESC
LIMIT $2 OFFSET $3;
