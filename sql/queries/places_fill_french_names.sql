-- Purpose: French names for community places from official bilingual census subdivision names
--          ("Grand Falls / Grand-Sault"): by subdivision code, else by English name in the same
--          province; French names a source gave are kept.
-- Params:  none
-- Columns: none (row count: places named)
WITH bilingual AS (
  SELECT indicators->>'csd_code' AS csd_code, province,
         btrim(split_part(name, ' / ', 1)) AS name_en, btrim(split_part(name, ' / ', 2)) AS name_fr
  FROM population_units
  WHERE indicators ? 'csd_code' AND name LIKE '% / %'
)
UPDATE places p SET name_fr = b.name_fr
FROM bilingual b
WHERE p.name_fr IS NULL AND p.kind = 'community' AND b.name_fr <> ''
  AND (p.csd_code = b.csd_code OR (p.province = b.province AND search_key(p.name) = search_key(b.name_en)));
