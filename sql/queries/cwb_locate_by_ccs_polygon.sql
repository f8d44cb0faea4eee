-- Purpose: locates the rest by the consolidated subdivision they head, a larger shape (step 4 of 5,
--          approximate).
-- Params:  $1 source text
-- Columns: none
UPDATE population_units u SET point = ST_SetSRID(ST_MakePoint((b.properties->>'point_lon')::float8, (b.properties->>'point_lat')::float8), 4326), indicators = u.indicators || '{"located_by": "ccs_polygon"}'
FROM boundaries b
WHERE u.source = $1 AND u.point IS NULL AND b.kind = 'census_consolidated_subdivision' AND b.code = u.indicators->>'csd_code'
  AND b.properties ? 'point_lon';
