-- Purpose: removes the population units of several sources (the census replaces itself and the npm
--          fallback).
-- Params:  $1 sources text[]
-- Columns: none
DELETE FROM population_units WHERE source = ANY($1::text[]);
