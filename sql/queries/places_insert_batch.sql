-- Purpose: inserts one batch of gazetteer places of a source (a JSON array); a key already there is
--          kept.
-- Params:  $1 places jsonb (array of kind, name, name_fr, province, population, csd_code, lon, lat,
--          source_key), $2 source text, $3 precedence int
-- Columns: none
INSERT INTO places (kind, name, name_fr, province, population, csd_code, lon, lat, source, source_key, precedence)
SELECT r.kind, r.name, r.name_fr, r.province, r.population, r.csd_code, r.lon, r.lat, $2, r.source_key, $3
FROM jsonb_to_recordset($1::jsonb) AS r(kind text, name text, name_fr text, province text, population int,
  csd_code text, lon float8, lat float8, source_key text)
ON CONFLICT (source, source_key) DO NOTHING;
