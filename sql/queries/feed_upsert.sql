-- Purpose: creates a feed or refreshes its descriptive fields; a feed id held by another
--          jurisdiction is left as it is and returns no row (the loader then refuses the load).
-- Params:  $1 id text, $2 jurisdiction_id text, $3 name_en text, $4 name_fr text, $5 format text,
--          $6 adapter text | null, $7 source_url text | null, $8 licence text | null, $9
--          attribution_en text | null, $10 attribution_fr text | null, $11 is_synthetic boolean
-- Columns: jurisdiction_id (one row when the feed is this jurisdiction's, none otherwise)
INSERT INTO feeds (id, jurisdiction_id, name_en, name_fr, format, adapter, source_url, licence, attribution_en, attribution_fr, is_synthetic)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
ON CONFLICT (id) DO UPDATE SET
  name_en = EXCLUDED.name_en, name_fr = EXCLUDED.name_fr, format = EXCLUDED.format, adapter = EXCLUDED.adapter,
  source_url = EXCLUDED.source_url, licence = EXCLUDED.licence, attribution_en = EXCLUDED.attribution_en,
  attribution_fr = EXCLUDED.attribution_fr, is_synthetic = EXCLUDED.is_synthetic
WHERE feeds.jurisdiction_id = EXCLUDED.jurisdiction_id
RETURNING jurisdiction_id;
