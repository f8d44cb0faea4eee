-- Purpose: for each government that handles a category in a province, its nearest
--          published service points offering the category (no hard radius), with each
--          point's published standard and latest performance.
-- Params:  $1 lon float8, $2 lat float8, $3 province text, $4 category codes text[], $5 points per handler int
-- Columns: category_code, handler_level, handler_jurisdiction_id, then the service point fields of the
--          API contract (as nearest_service_points.sql) with distance_m (great-circle metres), standard, performance
SELECT r.category_code, r.level AS handler_level, r.jurisdiction_id AS handler_jurisdiction_id, p.*
FROM category_responsibilities r
CROSS JOIN LATERAL (
  SELECT
    sp.id, sp.name_en, sp.name_fr, j.level, sp.jurisdiction_id,
    j.name_en AS jurisdiction_name_en, j.name_fr AS jurisdiction_name_fr,
    sp.categories, sp.address, sp.city, sp.province, sp.postal_code, sp.phone, sp.email, sp.website,
    sp.languages, sp.accessibility, sp.hours, coalesce(sp.time_zone, pj.time_zone, j.time_zone) AS time_zone,
    sp.lon, sp.lat, sp.geocode_quality, sp.extra,
    ST_Distance(sp.geog, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography) AS distance_m,
    f.id AS feed_id, f.name_en AS feed_name_en, f.name_fr AS feed_name_fr, f.licence,
    f.attribution_en, f.attribution_fr, f.is_synthetic, fv.published_at AS updated_at,
    service_standard_json('point', sp.id) AS standard,
    service_performance_json('point', sp.id) AS performance
  FROM service_points sp
  JOIN jurisdictions j ON j.id = sp.jurisdiction_id
  JOIN feeds f ON f.id = sp.feed_id
  JOIN feed_versions fv ON fv.id = sp.feed_version_id
  LEFT JOIN jurisdictions pj ON pj.id = 'ca-' || lower(sp.province)
  WHERE sp.is_published
    AND sp.geog IS NOT NULL
    AND sp.categories @> ARRAY[r.category_code]
    AND CASE WHEN r.jurisdiction_id IS NOT NULL THEN sp.jurisdiction_id = r.jurisdiction_id
             ELSE j.level = r.level AND coalesce(sp.province, j.province) = $3 END
  ORDER BY sp.geog <-> ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography
  LIMIT $5
) p
WHERE r.province = $3 AND r.category_code = ANY ($4::text[])
ORDER BY r.category_code, r.level, p.distance_m;
