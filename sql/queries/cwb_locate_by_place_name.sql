-- Purpose: locates the rest by a gazetteer place of the same name in the province, found while
--          reading (step 3 of 5).
-- Params:  $1 source text
-- Columns: none
UPDATE population_units u SET point = ST_SetSRID(ST_MakePoint((indicators->>'name_lon')::float8, (indicators->>'name_lat')::float8), 4326),
  indicators = u.indicators || '{"located_by": "gazetteer_name"}'
WHERE u.source = $1 AND u.point IS NULL AND u.indicators ? 'name_lon';
