-- Purpose: one jurisdiction's order of government and names (what a person thought handled a service).
-- Params:  $1 jurisdiction id text
-- Columns: id, level, name_en, name_fr, province
SELECT j.id, j.level, j.name_en, j.name_fr, j.province FROM jurisdictions j WHERE j.id = $1;
