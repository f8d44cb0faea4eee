-- Purpose: one page of a feed's pull history, newest first, for the stewards of its jurisdiction.
-- Params:  $1 feed id text, $2 jurisdiction id text (the key's), $3 limit integer, $4 offset integer
-- Columns: id, feed_id, trigger, source_url, started_at, finished_at, outcome, http_status, bytes, version_id,
--          version_status, error_code, message_en, message_fr
SELECT p.id, p.feed_id, p.trigger, p.source_url, p.started_at, p.finished_at, p.outcome, p.http_status, p.bytes,
  p.version_id, v.status AS version_status, p.error_code, p.message_en, p.message_fr
FROM feed_pulls p
LEFT JOIN feed_versions v ON v.id = p.version_id
WHERE p.feed_id = $1 AND p.jurisdiction_id = $2
ORDER BY p.id DESC
LIMIT $3 OFFSET $4;
