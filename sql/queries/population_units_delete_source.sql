-- Purpose: removes the population units of one source (they are replaced).
-- Params:  $1 source text
-- Columns: none
DELETE FROM population_units WHERE source = $1;
