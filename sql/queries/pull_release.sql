-- Purpose: ends this instance's claim on a feed; when the pull read the source in full, keeps its
--          validators (ETag, Last-Modified) and checksum for the next conditional request.
-- Params:  $1 feed id text, $2 instance id text, $3 keep the validators boolean, $4 etag text | null,
--          $5 last modified text | null, $6 checksum text | null, $7 the source url they came from text | null
-- Columns: feed_id (no row: the claim had already passed to another instance)
UPDATE feed_pull_schedules
SET claimed_by = NULL, claimed_until = NULL,
  etag = CASE WHEN $3::boolean THEN $4 ELSE etag END,
  last_modified = CASE WHEN $3::boolean THEN $5 ELSE last_modified END,
  checksum = CASE WHEN $3::boolean THEN $6 ELSE checksum END,
  validated_url = CASE WHEN $3::boolean THEN $7 ELSE validated_url END
WHERE feed_id = $1 AND claimed_by = $2
RETURNING feed_id;
