-- Purpose: how many population units other than one source's are loaded (the census, as opposed to
--          the npm fallback).
-- Params:  $1 source text (the one left out)
-- Columns: n
SELECT count(*)::int AS n FROM population_units WHERE source <> $1;
