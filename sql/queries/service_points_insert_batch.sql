-- Purpose: inserts one batch of validated service points of a version (a JSON array of records,
--          each with its public id).
-- Params:  $1 records jsonb (array), $2 feed version id bigint, $3 feed id text, $4 jurisdiction id
--          text, $5 is_published boolean
-- Columns: none
INSERT INTO service_points (id, feed_version_id, feed_id, jurisdiction_id, source_id, name_en, name_fr, organization,
  categories, address, city, province, postal_code, phone, email, website, hours, languages, accessibility,
  lon, lat, geocode_quality, extra, is_published)
SELECT r.id, $2, $3, $4, r.source_id, r.name_en, r.name_fr, r.organization,
  coalesce(r.categories, '{}'), r.address, r.city, r.province, r.postal_code, r.phone, r.email, r.website, r.hours,
  coalesce(r.languages, '{}'), coalesce(r.accessibility, '{}'), r.lon, r.lat, r.geocode_quality, coalesce(r.extra, '{}'), $5
FROM jsonb_to_recordset($1::jsonb) AS r(id text, source_id text, name_en text, name_fr text, organization text,
  categories text[], address text, city text, province text, postal_code text, phone text, email text, website text,
  hours jsonb, languages text[], accessibility text[], lon float8, lat float8, geocode_quality text, extra jsonb);
