-- Purpose: published service points as Open Referral HSDS 3.0 services (one service per
--          point, at one location, offered by the point's jurisdiction as organization),
--          one page in id order, or one service by its HSDS id, optionally of one feed,
--          or the points a channel is offered at (their locations, hsds_channels.sql).
--          HSDS ids are UUIDs derived from the stable public ids (md5, see migration 0031).
-- Params:  $1 feed id text | null, $2 HSDS service id uuid | null, $3 limit int, $4 offset int,
--          $5 point ids text[] | null
-- Columns: total int; then (null on the one row of an empty page) service_id, organization_id,
--          location_id, service_at_location_id (uuid text), point_id, name_en, name_fr,
--          organization, categories, address, city, province, postal_code, phone, email,
--          website, hours, languages, accessibility, lon, lat, jurisdiction_id, level,
--          jurisdiction_name_en, jurisdiction_name_fr, jurisdiction_website, feed_id,
--          feed_name_en, licence, source_url, updated_at
WITH matched AS (
  SELECT sp.*
  FROM service_points sp
  WHERE sp.is_published
    AND ($1::text IS NULL OR sp.feed_id = $1::text)
    AND ($2::uuid IS NULL OR md5('hsds-service:' || sp.id)::uuid = $2::uuid)
    AND ($5::text[] IS NULL OR sp.id = ANY ($5::text[]))
),
page AS (
  SELECT
    md5('hsds-service:' || sp.id)::uuid::text AS service_id,
    md5('hsds-organization:' || sp.jurisdiction_id)::uuid::text AS organization_id,
    md5('hsds-location:' || sp.id)::uuid::text AS location_id,
    md5('hsds-service-at-location:' || sp.id)::uuid::text AS service_at_location_id,
    sp.id AS point_id, sp.name_en, sp.name_fr, sp.organization, sp.categories, sp.address, sp.city, sp.province,
    sp.postal_code, sp.phone, sp.email, sp.website, sp.hours, sp.languages, sp.accessibility, sp.lon, sp.lat,
    sp.jurisdiction_id, j.level, j.name_en AS jurisdiction_name_en, j.name_fr AS jurisdiction_name_fr,
    j.website AS jurisdiction_website, f.id AS feed_id, f.name_en AS feed_name_en, f.licence, f.source_url,
    fv.published_at AS updated_at
  FROM matched sp
  JOIN jurisdictions j ON j.id = sp.jurisdiction_id
  JOIN feeds f ON f.id = sp.feed_id
  JOIN feed_versions fv ON fv.id = sp.feed_version_id
  ORDER BY sp.id
  LIMIT $3 OFFSET $4
)
SELECT (SELECT count(*) FROM matched)::int AS total, page.*
FROM (SELECT 1) AS one LEFT JOIN page ON true;
