-- Purpose: claims one feed's pull for this instance: the row is locked with SKIP LOCKED, so of several
--          instances claiming at once exactly one gets it, and the others (re-checking the row as
--          committed) find it no longer due or already held. The next run moves one interval on from
--          this pull, scheduled or a steward's "pull now" (which may run at any time, enabled or not).
-- Params:  $1 feed id text, $2 instance id text, $3 lease in seconds integer, $4 manual (pull now) boolean
-- Columns: feed_id, jurisdiction_id, publish, etag, last_modified, checksum, validated_url (no row: not claimed)
WITH due AS (
  SELECT feed_id FROM feed_pull_schedules
  WHERE feed_id = $1
    AND (claimed_until IS NULL OR claimed_until < now())
    AND ($4::boolean OR (is_enabled AND next_run_at <= now()))
  FOR UPDATE SKIP LOCKED
)
UPDATE feed_pull_schedules s
SET claimed_by = $2,
  claimed_until = now() + make_interval(secs => $3),
  next_run_at = now() + make_interval(mins => s.interval_minutes)
FROM due
WHERE s.feed_id = due.feed_id
RETURNING s.feed_id, s.jurisdiction_id, s.publish, s.etag, s.last_modified, s.checksum, s.validated_url;
