-- Purpose: removes the FSA populations of one source (they are replaced).
-- Params:  $1 source text
-- Columns: none
DELETE FROM fsa_population WHERE source = $1;
