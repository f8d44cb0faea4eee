-- Purpose: the published feeds an HSDS export covers, with their licence and version.
-- Params:  $1 feed id text | null (null: every feed with a published version)
-- Columns: id, jurisdiction_id, name_en, name_fr, licence, attribution_en, attribution_fr,
--          source_url, is_synthetic, version_id, published_at, points int
SELECT f.id, f.jurisdiction_id, f.name_en, f.name_fr, f.licence, f.attribution_en, f.attribution_fr, f.source_url,
  f.is_synthetic, fv.id AS version_id, fv.published_at,
  (SELECT count(*) FROM service_points sp WHERE sp.feed_version_id = fv.id)::int AS points
FROM feeds f JOIN feed_versions fv ON fv.feed_id = f.id AND fv.status = 'published'
WHERE $1::text IS NULL OR f.id = $1::text
ORDER BY f.id;
