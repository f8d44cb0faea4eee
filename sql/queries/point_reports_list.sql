-- Purpose: a feed's inbox of citizens' reports, newest first, for the stewards
--          of its jurisdiction (row-level security also hides every other
--          jurisdiction's rows from them).
-- Params:  $1 feed id text, $2 jurisdiction id text (the steward's key's), $3 statuses text[] | null,
--          $4 limit int, $5 offset int
-- Columns: id, point_id, point_name, feed_id, feed_version_id, message, email, lang, status,
--          created_at, updated_at, point_published (the point still has a published row)
SELECT r.id, r.point_id, r.point_name, r.feed_id, r.feed_version_id, r.message, r.email, r.lang, r.status,
  r.created_at, r.updated_at,
  EXISTS (SELECT 1 FROM service_points sp WHERE sp.id = r.point_id AND sp.is_published) AS point_published
FROM point_reports r
WHERE r.feed_id = $1 AND r.jurisdiction_id = $2
  AND ($3::text[] IS NULL OR r.status = ANY ($3::text[]))
ORDER BY r.created_at DESC, r.id
LIMIT $4 OFFSET $5;
