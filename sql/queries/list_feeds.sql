-- Purpose: feeds with their jurisdiction, their published version and its counts,
--          the newest version of any status, and how many points citizens see.
-- Params:  $1 jurisdiction id text | null (all), $2 feed id text | null (all)
-- Columns: id, jurisdiction_id, jurisdiction_name_en, jurisdiction_name_fr, level, name_en, name_fr, format,
--          source_url, licence, attribution_en, attribution_fr, mapping, is_synthetic, created_at,
--          published_version_id, published_at, rows_read, rows_accepted, rows_rejected, rows_geocoded, rows_warned,
--          published_points, located_points, latest_version_id, latest_status, latest_created_at, versions
SELECT
  f.id, f.jurisdiction_id, j.name_en AS jurisdiction_name_en, j.name_fr AS jurisdiction_name_fr, j.level,
  f.name_en, f.name_fr, f.format, f.source_url, f.licence, f.attribution_en, f.attribution_fr, f.mapping,
  f.is_synthetic, f.created_at,
  pv.id AS published_version_id, pv.published_at, pv.rows_read, pv.rows_accepted, pv.rows_rejected,
  pv.rows_geocoded, pv.rows_warned,
  coalesce(pts.published_points, 0) AS published_points, coalesce(pts.located_points, 0) AS located_points,
  lv.id AS latest_version_id, lv.status AS latest_status, lv.created_at AS latest_created_at,
  (SELECT count(*)::int FROM feed_versions v WHERE v.feed_id = f.id) AS versions
FROM feeds f
JOIN jurisdictions j ON j.id = f.jurisdiction_id
LEFT JOIN feed_versions pv ON pv.feed_id = f.id AND pv.status = 'published'
LEFT JOIN LATERAL (
  SELECT count(*)::int AS published_points, count(sp.geog)::int AS located_points
  FROM service_points sp WHERE sp.feed_version_id = pv.id
) pts ON true
LEFT JOIN LATERAL (
  SELECT v.id, v.status, v.created_at FROM feed_versions v WHERE v.feed_id = f.id ORDER BY v.id DESC LIMIT 1
) lv ON true
WHERE ($1::text IS NULL OR f.jurisdiction_id = $1)
  AND ($2::text IS NULL OR f.id = $2)
ORDER BY j.level, f.jurisdiction_id, f.id;
