-- Purpose: replaces who handles one category in one province with the steward's list
--          (run inside a transaction after channels_delete_responsibilities.sql).
-- Params:  $1 province text, $2 category code text, $3 handlers jsonb
--          ([{level, jurisdiction_id | null, rank, note_en | null, note_fr | null,
--            source_url | null, source_checked_on (YYYY-MM-DD) | null, source_note | null}]), $4 api key id bigint
-- Columns: level (one row per handler stored)
INSERT INTO category_responsibilities (province, category_code, level, jurisdiction_id, rank, note_en, note_fr, origin, updated_by_key_id,
  source_url, source_checked_on, source_note)
SELECT $1, $2, h.level, h.jurisdiction_id, h.rank, h.note_en, h.note_fr, 'steward', $4,
  h.source_url, h.source_checked_on::date, h.source_note
FROM jsonb_to_recordset($3::jsonb) AS h(level text, jurisdiction_id text, rank int, note_en text, note_fr text,
  source_url text, source_checked_on text, source_note text)
RETURNING level;
