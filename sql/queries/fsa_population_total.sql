-- Purpose: the total population of one source's FSAs.
-- Params:  $1 source text
-- Columns: s
SELECT coalesce(sum(population), 0)::bigint AS s FROM fsa_population WHERE source = $1;
