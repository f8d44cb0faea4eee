-- Purpose: every gazetteer place, read once into the offline geocoder.
-- Params:  none
-- Columns: kind, name, name_fr, province, population, lon, lat, precedence, source
SELECT kind, name, name_fr, province, population, lon, lat, precedence, source FROM places;
