-- Purpose: the category-to-order-of-government map, per province (what stewards edit).
-- Params:  $1 provinces text[] | null, $2 categories text[] | null
-- Columns: province, category_code, category names, level, jurisdiction_id, jurisdiction names, rank,
--          note_en, note_fr, origin, updated_at,
--          source_url, source_checked_on (YYYY-MM-DD), source_note: the official page behind the row, or null
SELECT r.province, r.category_code, sc.name_en AS category_name_en, sc.name_fr AS category_name_fr,
  r.level, r.jurisdiction_id, j.name_en AS jurisdiction_name_en, j.name_fr AS jurisdiction_name_fr,
  r.rank, r.note_en, r.note_fr, r.origin, r.updated_at,
  r.source_url, r.source_checked_on::text AS source_checked_on, r.source_note
FROM category_responsibilities r
JOIN service_categories sc ON sc.code = r.category_code
LEFT JOIN jurisdictions j ON j.id = r.jurisdiction_id
WHERE ($1::text[] IS NULL OR r.province = ANY ($1::text[]))
  AND ($2::text[] IS NULL OR r.category_code = ANY ($2::text[]))
ORDER BY r.province, sc.sort_order, r.rank, r.level;
