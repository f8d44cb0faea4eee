-- Purpose: schedules whose next pull is due and that no instance holds; each is then claimed on its own
--          (pull_claim.sql), in a transaction acting for its jurisdiction.
-- Params:  $1 how many at most integer
-- Columns: feed_id, jurisdiction_id
SELECT feed_id, jurisdiction_id
FROM feed_pull_schedules
WHERE is_enabled AND next_run_at <= now() AND (claimed_until IS NULL OR claimed_until < now())
ORDER BY next_run_at
LIMIT $1;
