-- Purpose: a steward removes a feed's pull schedule (its pull history stays).
-- Params:  $1 feed id text, $2 jurisdiction id text (the feed's)
-- Columns: feed_id (no row: there was no schedule)
DELETE FROM feed_pull_schedules WHERE feed_id = $1 AND jurisdiction_id = $2 RETURNING feed_id;
