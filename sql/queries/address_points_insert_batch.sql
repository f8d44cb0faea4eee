-- Purpose: inserts one batch of civic address points (a JSON array); a key already there is kept.
-- Params:  $1 rows jsonb (array of source_key, province, match_key, full_address, city,
--          postal_code, csd_code, lon, lat), $2 source text
-- Columns: none
INSERT INTO address_points (source, source_key, province, match_key, full_address, city, postal_code, csd_code, lon, lat)
SELECT $2, r.source_key, r.province, r.match_key, r.full_address, r.city, r.postal_code, r.csd_code, r.lon, r.lat
FROM jsonb_to_recordset($1::jsonb) AS r(source_key text, province text, match_key text, full_address text, city text,
  postal_code text, csd_code text, lon float8, lat float8)
ON CONFLICT (source, source_key) DO NOTHING;
