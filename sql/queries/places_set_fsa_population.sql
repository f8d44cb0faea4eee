-- Purpose: gives each postal-code place the population of its FSA.
-- Params:  none
-- Columns: none
UPDATE places p SET population = f.population FROM fsa_population f WHERE p.kind = 'postal_code' AND p.name = f.fsa;
