-- Purpose: one published service point by its stable public id.
-- Params:  $1 id text
-- Columns: the service point fields of the API contract (no distance);
--          time_zone is the point's IANA zone, else its province's;
--          standard and performance: the point's published standard and latest figures (jsonb | null).
SELECT
  sp.id, sp.name_en, sp.name_fr, j.level, sp.jurisdiction_id,
  j.name_en AS jurisdiction_name_en, j.name_fr AS jurisdiction_name_fr,
  sp.categories, sp.address, sp.city, sp.province, sp.postal_code, sp.phone, sp.email, sp.website,
  sp.languages, sp.accessibility, sp.hours, coalesce(sp.time_zone, pj.time_zone, j.time_zone) AS time_zone,
  sp.lon, sp.lat, sp.geocode_quality, sp.extra,
  f.id AS feed_id, f.name_en AS feed_name_en, f.name_fr AS feed_name_fr, f.licence,
  f.attribution_en, f.attribution_fr, f.is_synthetic, fv.published_at AS updated_at,
  service_standard_json('point', sp.id) AS standard, service_performance_json('point', sp.id) AS performance
FROM service_points sp
JOIN jurisdictions j ON j.id = sp.jurisdiction_id
JOIN feeds f ON f.id = sp.feed_id
JOIN feed_versions fv ON fv.id = sp.feed_version_id
LEFT JOIN jurisdictions pj ON pj.id = 'ca-' || lower(sp.province)
WHERE sp.is_published AND sp.id = $1
LIMIT 1;
