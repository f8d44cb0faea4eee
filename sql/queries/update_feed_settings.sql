-- Purpose: changes a feed's steward settings (licence, attribution, source URL, column mapping);
--          a key absent from the patch keeps its value, a JSON null clears it (the mapping becomes {}).
-- Params:  $1 feed id text, $2 patch jsonb with any of licence, attribution_en, attribution_fr,
--          source_url (strings or null) and mapping (an object of our field -> the file's column)
-- Columns: id (no row when no feed has this id, or row-level security hides it from this jurisdiction)
UPDATE feeds SET
  licence = CASE WHEN $2::jsonb ? 'licence' THEN $2::jsonb ->> 'licence' ELSE licence END,
  attribution_en = CASE WHEN $2::jsonb ? 'attribution_en' THEN $2::jsonb ->> 'attribution_en' ELSE attribution_en END,
  attribution_fr = CASE WHEN $2::jsonb ? 'attribution_fr' THEN $2::jsonb ->> 'attribution_fr' ELSE attribution_fr END,
  source_url = CASE WHEN $2::jsonb ? 'source_url' THEN $2::jsonb ->> 'source_url' ELSE source_url END,
  mapping = CASE
    WHEN NOT $2::jsonb ? 'mapping' THEN mapping
    WHEN jsonb_typeof($2::jsonb -> 'mapping') = 'object' THEN $2::jsonb -> 'mapping'
    ELSE '{}'::jsonb
  END
WHERE id = $1
RETURNING id;
