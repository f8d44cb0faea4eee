-- Purpose: registers a new feed of a jurisdiction; nothing when the id is taken.
-- Params:  $1 id, $2 jurisdiction id, $3 name_en, $4 name_fr, $5 format, $6 source_url | null,
--          $7 licence | null, $8 attribution_en | null, $9 attribution_fr | null, $10 mapping jsonb
-- Columns: id (no row when a feed already has this id)
INSERT INTO feeds (id, jurisdiction_id, name_en, name_fr, format, source_url, licence, attribution_en, attribution_fr, mapping)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb)
ON CONFLICT (id) DO NOTHING
RETURNING id;
