-- Purpose: who handles each category in one province: the orders of government
--          of category_responsibilities, best first (rank 1 is where to go first).
-- Params:  $1 province text (two letters), $2 category codes text[]
-- Columns: category_code, level, jurisdiction_id | null (municipal, Indigenous: the local government),
--          jurisdiction names | null, rank, note_en, note_fr, origin, updated_at,
--          source_url, source_checked_on (YYYY-MM-DD), source_note: the official page behind the row, or null
SELECT r.category_code, r.level, r.jurisdiction_id, j.name_en AS jurisdiction_name_en, j.name_fr AS jurisdiction_name_fr,
  r.rank, r.note_en, r.note_fr, r.origin, r.updated_at,
  r.source_url, r.source_checked_on::text AS source_checked_on, r.source_note
FROM category_responsibilities r
LEFT JOIN jurisdictions j ON j.id = r.jurisdiction_id
WHERE r.province = $1 AND r.category_code = ANY ($2::text[])
ORDER BY array_position($2::text[], r.category_code), r.rank,
  array_position(ARRAY['provincial', 'territorial', 'federal', 'municipal', 'indigenous'], r.level);
