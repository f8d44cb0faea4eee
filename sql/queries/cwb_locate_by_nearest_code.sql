-- Purpose: locates what is left inside the consolidated subdivision of the same census division
--          with the nearest code (step 5 of 5, approximate, labelled so).
-- Params:  $1 source text
-- Columns: none
UPDATE population_units u SET point = ST_SetSRID(ST_MakePoint((b.properties->>'point_lon')::float8, (b.properties->>'point_lat')::float8), 4326),
  indicators = u.indicators || '{"located_by": "census_division_nearest_code"}'
FROM (
  SELECT DISTINCT ON (pu.id) pu.id, b.properties
  FROM population_units pu
  JOIN boundaries b ON b.kind = 'census_consolidated_subdivision' AND left(b.code, 4) = left(pu.indicators->>'csd_code', 4)
    AND b.properties ? 'point_lon'
  WHERE pu.source = $1 AND pu.point IS NULL
  ORDER BY pu.id, abs(b.code::int - (pu.indicators->>'csd_code')::int), b.code
) b
WHERE u.id = b.id;
