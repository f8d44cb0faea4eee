-- Purpose: one page of the published, located service points, with every field the nearest
--          query returns except the distance, for the in-process nearest index
--          (server/nearest/published-point-index.ts). Pages follow the primary key.
-- Params:  $1 after this pk bigint (0 for the first page), $2 page size int
-- Columns: pk, then the service point fields of nearest_service_points.sql without distance_m;
--          has_hours is true when the point has stored hours.
SELECT
  sp.pk, sp.id, sp.name_en, sp.name_fr, j.level, sp.jurisdiction_id,
  j.name_en AS jurisdiction_name_en, j.name_fr AS jurisdiction_name_fr,
  sp.categories, sp.address, sp.city, sp.province, sp.postal_code, sp.phone, sp.email, sp.website,
  sp.languages, sp.accessibility, sp.hours, coalesce(sp.time_zone, pj.time_zone, j.time_zone) AS time_zone,
  sp.lon, sp.lat, sp.geocode_quality, sp.extra, sp.hours IS NOT NULL AS has_hours,
  f.id AS feed_id, f.name_en AS feed_name_en, f.name_fr AS feed_name_fr, f.licence,
  f.attribution_en, f.attribution_fr, f.is_synthetic, fv.published_at AS updated_at
FROM service_points sp
JOIN jurisdictions j ON j.id = sp.jurisdiction_id
JOIN feeds f ON f.id = sp.feed_id
JOIN feed_versions fv ON fv.id = sp.feed_version_id
LEFT JOIN jurisdictions pj ON pj.id = 'ca-' || lower(sp.province)
WHERE sp.is_published
  AND sp.geog IS NOT NULL
  AND sp.pk > $1
ORDER BY sp.pk
LIMIT $2;
