-- Purpose: locates census subdivisions by their own polygon (step 1 of 5).
-- Params:  $1 source text
-- Columns: none
UPDATE population_units u SET geom = b.geom,
  point = ST_SetSRID(ST_MakePoint((b.properties->>'point_lon')::float8, (b.properties->>'point_lat')::float8), 4326),
  indicators = u.indicators || '{"located_by": "csd_polygon"}'
FROM boundaries b
WHERE u.source = $1 AND b.kind = 'census_consolidated_subdivision' AND b.code = u.indicators->>'csd_code'
  AND (b.properties->>'parts')::int = 1 AND b.properties ? 'point_lon';
