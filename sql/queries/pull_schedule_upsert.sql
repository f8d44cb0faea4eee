-- Purpose: a steward sets (or changes) a feed's pull schedule. A new schedule is due at once, so the
--          steward sees a first pull within a poll; a shorter interval brings the next run closer, a
--          longer one never pushes it past what the new interval allows.
-- Params:  $1 feed id text, $2 jurisdiction id text (the feed's), $3 interval in minutes integer,
--          $4 enabled boolean, $5 publish each new version boolean, $6 api key id bigint
-- Columns: feed_id (the schedule as pull_schedule_get returns it is read after)
INSERT INTO feed_pull_schedules (feed_id, jurisdiction_id, interval_minutes, is_enabled, publish, next_run_at, updated_by_key_id)
VALUES ($1, $2, $3, $4, $5, now(), $6)
ON CONFLICT (feed_id) DO UPDATE SET
  interval_minutes = excluded.interval_minutes,
  is_enabled = excluded.is_enabled,
  publish = excluded.publish,
  next_run_at = least(feed_pull_schedules.next_run_at, now() + make_interval(mins => excluded.interval_minutes)),
  updated_at = now(),
  updated_by_key_id = excluded.updated_by_key_id
RETURNING feed_id;
