-- Purpose: records the start of a pull the caller has claimed. A pull of the same feed still shown as
--          running was cut off (its instance stopped or died, and its lease ran out): it is closed as
--          failed first, so the history never shows two pulls of one feed running.
-- Params:  $1 feed id text, $2 jurisdiction id text (the feed's), $3 trigger text (schedule | manual),
--          $4 source url text | null
-- Columns: id, started_at
WITH interrupted AS (
  UPDATE feed_pulls
  SET outcome = 'failed', finished_at = now(), error_code = 'pull_interrupted',
    message_en = 'The pull was cut off before it finished (the server stopped); the next pull starts again.',
    message_fr = 'La récupération a été interrompue avant la fin (arrêt du serveur); la suivante reprend depuis le début.'
  WHERE feed_id = $1 AND outcome = 'running'
  RETURNING id
)
INSERT INTO feed_pulls (feed_id, jurisdiction_id, trigger, source_url)
SELECT $1, $2, $3, $4 FROM (SELECT count(*) FROM interrupted) AS closed
RETURNING id, started_at;
