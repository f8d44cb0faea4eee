-- Purpose: files a citizen's report against a published service point, under
--          the point's feed, the feed version it was read from and the feed's
--          own jurisdiction (never one the request names).
-- Params:  $1 report id uuid, $2 point id text, $3 message text, $4 e-mail text | null, $5 lang text ('en' | 'fr')
-- Columns: none (the row count says whether a published point had the id; no
--          RETURNING, since citizens may file reports but not read them back)
INSERT INTO point_reports (id, point_id, point_name, feed_id, feed_version_id, jurisdiction_id, message, email, lang)
SELECT $1::uuid, sp.id, left(CASE WHEN $5 = 'fr' THEN coalesce(sp.name_fr, sp.name_en) ELSE sp.name_en END, 300),
  sp.feed_id, sp.feed_version_id, f.jurisdiction_id, $3, $4, $5
FROM service_points sp
JOIN feeds f ON f.id = sp.feed_id
WHERE sp.is_published AND sp.id = $2
ORDER BY sp.feed_id
LIMIT 1;
