-- Purpose: adds a municipality under its province or territory (ids ca-XX-name),
--          inheriting the province's code and time zone.
-- Params:  $1 id text, $2 name_en text, $3 name_fr text, $4 parent (province) id text
-- Columns: id, level, name_en, name_fr, parent_id, province, time_zone (no row when the parent is not a province or territory)
INSERT INTO jurisdictions (id, level, name_en, name_fr, parent_id, province, time_zone)
SELECT $1, 'municipal', $2, $3, p.id, p.province, p.time_zone
FROM jurisdictions p
WHERE p.id = $4 AND p.level IN ('provincial', 'territorial')
RETURNING id, level, name_en, name_fr, parent_id, province, time_zone;
