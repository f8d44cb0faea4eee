-- Purpose: one civic address point per match key (the first by source and key), for the geocoder's
--          address lookup.
-- Params:  none
-- Columns: match_key, full_address, lon, lat
SELECT DISTINCT ON (match_key) match_key, full_address, lon, lat FROM address_points ORDER BY match_key, source, source_key;
