-- Purpose: stores the shipped FSA populations (a JSON array); an FSA already there takes every new
--          figure.
-- Params:  $1 rows jsonb (array of fsa, name, province, population, dwellings, incomplete), $2
--          source text
-- Columns: none
INSERT INTO fsa_population (fsa, name, province, population, private_dwellings, incompletely_enumerated, census_year, source)
SELECT r.fsa, r.name, r.province, r.population, r.dwellings, r.incomplete, 2016, $2
FROM jsonb_to_recordset($1::jsonb) AS r(fsa text, name text, province text, population int, dwellings int, incomplete boolean)
ON CONFLICT (fsa) DO UPDATE SET population = EXCLUDED.population, private_dwellings = EXCLUDED.private_dwellings,
  incompletely_enumerated = EXCLUDED.incompletely_enumerated, census_year = EXCLUDED.census_year, source = EXCLUDED.source;
