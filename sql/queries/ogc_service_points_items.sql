-- Purpose: OGC API - Features items of the service_points collection: published points,
--          optionally in a bounding box, one page in id order, with the count of all matches.
-- Params:  $1 min lon, $2 min lat, $3 max lon, $4 max lat (float8, all null: no bbox),
--          $5 limit int, $6 offset int, $7 one feature id text | null
-- Columns: number_matched int, then the service point fields of service-point-row.ts
--          (all null on the one row returned when the page is empty)
WITH matched AS (
  SELECT sp.*
  FROM service_points sp
  WHERE sp.is_published
    AND ($7::text IS NULL OR sp.id = $7::text)
    AND ($1::float8 IS NULL OR (sp.geom IS NOT NULL AND sp.geom && ST_MakeEnvelope($1, $2, $3, $4, 4326)))
),
page AS (
  SELECT
    sp.id, sp.name_en, sp.name_fr, j.level, sp.jurisdiction_id,
    j.name_en AS jurisdiction_name_en, j.name_fr AS jurisdiction_name_fr,
    sp.categories, sp.address, sp.city, sp.province, sp.postal_code, sp.phone, sp.email, sp.website,
    sp.languages, sp.accessibility, sp.hours, sp.lon, sp.lat, sp.geocode_quality, sp.extra,
    f.id AS feed_id, f.name_en AS feed_name_en, f.name_fr AS feed_name_fr, f.licence,
    f.attribution_en, f.attribution_fr, f.is_synthetic, fv.published_at AS updated_at
  FROM matched sp
  JOIN jurisdictions j ON j.id = sp.jurisdiction_id
  JOIN feeds f ON f.id = sp.feed_id
  JOIN feed_versions fv ON fv.id = sp.feed_version_id
  ORDER BY sp.id
  LIMIT $5 OFFSET $6
)
SELECT (SELECT count(*) FROM matched)::int AS number_matched, page.*
FROM (SELECT 1) AS one LEFT JOIN page ON true;
