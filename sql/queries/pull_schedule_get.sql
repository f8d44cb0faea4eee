-- Purpose: a feed's pull schedule, for its steward and for the pull that runs it.
-- Params:  $1 feed id text
-- Columns: feed_id, jurisdiction_id, interval_minutes, is_enabled, publish, next_run_at, claimed_until,
--          etag, last_modified, checksum, created_at, updated_at (no row: no schedule)
SELECT feed_id, jurisdiction_id, interval_minutes, is_enabled, publish, next_run_at, claimed_until,
  etag, last_modified, checksum, created_at, updated_at
FROM feed_pull_schedules
WHERE feed_id = $1;
