-- Purpose: the npm gazetteer's populated places as population units, the fallback when no census is
--          loaded.
-- Params:  $1 source text (the npm gazetteer's)
-- Columns: none
INSERT INTO population_units (id, kind, name, province, population, indicators, point, source)
SELECT 'place-' || source_key, 'place', name, province, population,
       jsonb_build_object('note', 'Population of the place from GeoNames, not a census unit'),
       ST_SetSRID(ST_MakePoint(lon, lat), 4326), $1
FROM places WHERE source = $1 AND population IS NOT NULL AND population > 0;
