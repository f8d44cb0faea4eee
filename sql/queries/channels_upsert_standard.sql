-- Purpose: sets the published service standard of a channel or point (a steward's
--          standard replaces one that came from a feed or a seed).
-- Params:  $1 target kind text, $2 target id text, $3 jurisdiction id text, $4 text_en, $5 text_fr,
--          $6 target_pct numeric | null, $7 target_minutes numeric | null, $8 source_url text | null
-- Columns: standard jsonb (the stored row, shaped like service_standard_json, which cannot see it yet)
INSERT INTO service_standards (target_kind, target_id, jurisdiction_id, text_en, text_fr, target_pct, target_minutes, origin, source_url, source_date)
VALUES ($1, $2, $3, $4, $5, $6, $7, 'steward', $8, CURRENT_DATE)
ON CONFLICT (target_kind, target_id) DO UPDATE SET
  jurisdiction_id = EXCLUDED.jurisdiction_id, text_en = EXCLUDED.text_en, text_fr = EXCLUDED.text_fr,
  target_pct = EXCLUDED.target_pct, target_minutes = EXCLUDED.target_minutes, origin = 'steward', feed_id = NULL,
  source_url = EXCLUDED.source_url, source_date = EXCLUDED.source_date, updated_at = now()
RETURNING jsonb_build_object(
  'text_en', text_en, 'text_fr', text_fr, 'target_pct', target_pct, 'target_minutes', target_minutes,
  'origin', origin, 'source_url', source_url, 'source_date', source_date, 'updated_at', updated_at) AS standard;
