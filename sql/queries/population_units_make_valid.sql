-- Purpose: repairs one source's self-intersecting unit shapes (run under a savepoint: a GEOS
--          failure leaves them as shipped).
-- Params:  $1 source text
-- Columns: none
UPDATE population_units SET geom = ST_Multi(ST_CollectionExtract(ST_MakeValid(geom, 'method=structure'), 3))
WHERE source = $1 AND geom IS NOT NULL AND NOT ST_IsValid(geom);
