-- Purpose: one jurisdiction by id.
-- Params:  $1 id text
-- Columns: id, level, name_en, name_fr, parent_id, province, time_zone
SELECT id, level, name_en, name_fr, parent_id, province, time_zone
FROM jurisdictions
WHERE id = $1;
