-- Purpose: the nearest published service points to a location, nearest first,
--          with no hard radius (the k nearest however far they are).
-- Params:  $1 lon float8, $2 lat float8, $3 limit int,
--          $4 levels text[] | null, $5 jurisdiction ids text[] | null,
--          $6 categories text[] | null (any of), $7 languages text[] | null (any of),
--          $8 accessibility text[] | null (all of), $9 max distance in metres float8 | null,
--          $10 only points with stored hours boolean (open_now=true can only match those)
-- Columns: the service point fields of the API contract; distance_m is great-circle metres;
--          time_zone is the point's IANA zone, else its province's;
--          standard and performance: the point's published standard and latest figures (jsonb | null).
SELECT
  sp.id, sp.name_en, sp.name_fr, j.level, sp.jurisdiction_id,
  j.name_en AS jurisdiction_name_en, j.name_fr AS jurisdiction_name_fr,
  sp.categories, sp.address, sp.city, sp.province, sp.postal_code, sp.phone, sp.email, sp.website,
  sp.languages, sp.accessibility, sp.hours, coalesce(sp.time_zone, pj.time_zone, j.time_zone) AS time_zone,
  sp.lon, sp.lat, sp.geocode_quality, sp.extra,
  ST_Distance(sp.geog, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography) AS distance_m,
  f.id AS feed_id, f.name_en AS feed_name_en, f.name_fr AS feed_name_fr, f.licence,
  f.attribution_en, f.attribution_fr, f.is_synthetic, fv.published_at AS updated_at,
  service_standard_json('point', sp.id) AS standard, service_performance_json('point', sp.id) AS performance
FROM service_points sp
JOIN jurisdictions j ON j.id = sp.jurisdiction_id
JOIN feeds f ON f.id = sp.feed_id
JOIN feed_versions fv ON fv.id = sp.feed_version_id
LEFT JOIN jurisdictions pj ON pj.id = 'ca-' || lower(sp.province)
WHERE sp.is_published
  AND sp.geog IS NOT NULL
  AND ($4::text[] IS NULL OR j.level = ANY ($4::text[]))
  AND ($5::text[] IS NULL OR sp.jurisdiction_id = ANY ($5::text[]))
  AND ($6::text[] IS NULL OR sp.categories && $6::text[])
  AND ($7::text[] IS NULL OR sp.languages && $7::text[])
  AND ($8::text[] IS NULL OR sp.accessibility @> $8::text[])
  AND (NOT $10::boolean OR sp.hours IS NOT NULL)
  AND ($9::float8 IS NULL OR ST_DWithin(sp.geog, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography, $9::float8))
ORDER BY sp.geog <-> ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography
LIMIT $3;
