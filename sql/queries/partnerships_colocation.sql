-- Purpose: pairs of published service points of different orders of government
--          within max_m of each other (candidates for a shared site), nearest first.
--          ST_DWithin on geography uses the partial GiST index service_points_published_geog.
-- Params:  $1 max distance metres float8, $2 levels text[] | null (both points' levels among them),
--          $3 jurisdiction ids text[] | null (at least one point's), $4 categories text[] | null
--          (at least one point offers one), $5 provinces text[] | null (either point's),
--          $6 limit int, $7 offset int
-- Columns: a_* and b_* (id, name_en, name_fr, level, jurisdiction_id, categories, address, city,
--          province, lon, lat), distance_m float8 (sphere), total int (pairs in all)
SELECT
  a.id AS a_id, a.name_en AS a_name_en, a.name_fr AS a_name_fr, ja.level AS a_level, a.jurisdiction_id AS a_jurisdiction_id,
  a.categories AS a_categories, a.address AS a_address, a.city AS a_city, a.province AS a_province, a.lon AS a_lon, a.lat AS a_lat,
  b.id AS b_id, b.name_en AS b_name_en, b.name_fr AS b_name_fr, jb.level AS b_level, b.jurisdiction_id AS b_jurisdiction_id,
  b.categories AS b_categories, b.address AS b_address, b.city AS b_city, b.province AS b_province, b.lon AS b_lon, b.lat AS b_lat,
  ST_Distance(a.geog, b.geog, false) AS distance_m,
  count(*) OVER ()::int AS total
FROM service_points a
JOIN jurisdictions ja ON ja.id = a.jurisdiction_id
JOIN service_points b ON b.is_published AND b.geog IS NOT NULL AND ST_DWithin(a.geog, b.geog, $1::float8, false)
JOIN jurisdictions jb ON jb.id = b.jurisdiction_id
WHERE a.is_published AND a.geog IS NOT NULL
  AND ja.level <> jb.level
  -- One row per pair: the order of government listed first is fixed by name.
  AND (ja.level < jb.level)
  AND ($2::text[] IS NULL OR (ja.level = ANY ($2::text[]) AND jb.level = ANY ($2::text[])))
  AND ($3::text[] IS NULL OR a.jurisdiction_id = ANY ($3::text[]) OR b.jurisdiction_id = ANY ($3::text[]))
  AND ($4::text[] IS NULL OR a.categories && $4::text[] OR b.categories && $4::text[])
  AND ($5::text[] IS NULL OR a.province = ANY ($5::text[]) OR b.province = ANY ($5::text[]))
ORDER BY distance_m, a.id, b.id
LIMIT $6 OFFSET $7;
