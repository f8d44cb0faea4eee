-- Purpose: pairs of published service points of different orders of government that
--          could share a site, nearest first. 'measured': both points located at their
--          address or by the source's own coordinates, within max_m (the distance means
--          something). 'same_community': at least one point is only at its community's
--          or postal area's centre, and the two are within max_m of each other or name
--          the same city in the same province; no distance is given, since two offices
--          placed at one town's centre are not 0 m apart. ST_DWithin on geography uses
--          the partial GiST index service_points_published_geog.
-- Params:  $1 max distance metres float8, $2 levels text[] | null (both points' levels among them),
--          $3 jurisdiction ids text[] | null (at least one point's), $4 categories text[] | null
--          (at least one point offers one), $5 provinces text[] | null (either point's),
--          $6 limit int, $7 offset int, $8 precision text ('measured' | 'same_community')
-- Columns: a_* and b_* (id, name_en, name_fr, level, jurisdiction_id, categories, address, city,
--          province, lon, lat, precision (geocode_quality)), distance_m float8 | null (sphere;
--          null for same_community), total int (pairs in all)
WITH pt AS (
  SELECT sp.pk, sp.id, sp.name_en, sp.name_fr, j.level, sp.jurisdiction_id, sp.categories, sp.address, sp.city, sp.province,
    sp.lon, sp.lat, sp.geog, sp.geocode_quality,
    sp.geocode_quality IN ('source', 'address') AS precise,
    nullif(lower(regexp_replace(trim(sp.city), '\s+', ' ', 'g')), '') AS city_key
  FROM service_points sp JOIN jurisdictions j ON j.id = sp.jurisdiction_id
  WHERE sp.is_published AND sp.geog IS NOT NULL
    AND ($2::text[] IS NULL OR j.level = ANY ($2::text[]))
),
near AS (
  SELECT a.pk AS a_pk, b.pk AS b_pk
  FROM pt a
  JOIN service_points b ON b.is_published AND b.geog IS NOT NULL AND ST_DWithin(a.geog, b.geog, $1::float8, false)
),
town AS (
  SELECT a.pk AS a_pk, b.pk AS b_pk
  FROM pt a JOIN pt b ON b.city_key = a.city_key AND b.province = a.province AND b.level <> a.level
  WHERE $8::text = 'same_community' AND NOT (a.precise AND b.precise)
),
cand AS (
  SELECT * FROM near UNION SELECT * FROM town
),
pair AS (
  SELECT a.*, b.pk AS b_pk2, b.id AS b_id, b.name_en AS b_name_en, b.name_fr AS b_name_fr, b.level AS b_level,
    b.jurisdiction_id AS b_jurisdiction_id, b.categories AS b_categories, b.address AS b_address, b.city AS b_city,
    b.province AS b_province, b.lon AS b_lon, b.lat AS b_lat, b.geog AS b_geog, b.geocode_quality AS b_quality, b.precise AS b_precise
  FROM cand c JOIN pt a ON a.pk = c.a_pk JOIN pt b ON b.pk = c.b_pk
  -- One row per pair: the order of government listed first is fixed by name.
  WHERE a.level < b.level
    AND ($3::text[] IS NULL OR a.jurisdiction_id = ANY ($3::text[]) OR b.jurisdiction_id = ANY ($3::text[]))
    AND ($4::text[] IS NULL OR a.categories && $4::text[] OR b.categories && $4::text[])
    AND ($5::text[] IS NULL OR a.province = ANY ($5::text[]) OR b.province = ANY ($5::text[]))
    AND CASE WHEN $8::text = 'measured' THEN a.precise AND b.precise ELSE NOT (a.precise AND b.precise) END
)
SELECT
  p.id AS a_id, p.name_en AS a_name_en, p.name_fr AS a_name_fr, p.level AS a_level, p.jurisdiction_id AS a_jurisdiction_id,
  p.categories AS a_categories, p.address AS a_address, p.city AS a_city, p.province AS a_province, p.lon AS a_lon, p.lat AS a_lat,
  p.geocode_quality AS a_precision,
  p.b_id, p.b_name_en, p.b_name_fr, p.b_level, p.b_jurisdiction_id, p.b_categories, p.b_address, p.b_city, p.b_province,
  p.b_lon, p.b_lat, p.b_quality AS b_precision,
  CASE WHEN $8::text = 'measured' THEN ST_Distance(p.geog, p.b_geog, false) END AS distance_m,
  count(*) OVER ()::int AS total
FROM pair p
ORDER BY distance_m NULLS LAST, p.id, p.b_id
LIMIT $6 OFFSET $7;
