-- Purpose: a page of the published service points of some jurisdictions, located
--          or not, in id order after a cursor (export and cursor paging without a box).
-- Params:  $1 jurisdiction ids text[], $2 after id text | null (exclusive cursor), $3 limit int,
--          $4 levels text[] | null, $5 categories text[] | null (any of),
--          $6 languages text[] | null (any of), $7 accessibility text[] | null (all of),
--          $8 only points with stored hours boolean
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
WHERE sp.is_published
  AND sp.jurisdiction_id = ANY ($1::text[])
  AND ($2::text IS NULL OR sp.id > $2::text)
  AND ($4::text[] IS NULL OR j.level = ANY ($4::text[]))
  AND ($5::text[] IS NULL OR sp.categories && $5::text[])
  AND ($6::text[] IS NULL OR sp.languages && $6::text[])
  AND ($7::text[] IS NULL OR sp.accessibility @> $7::text[])
  AND (NOT $8::boolean OR sp.hours IS NOT NULL)
ORDER BY sp.id
LIMIT $3;
