-- Purpose: repairs one source's self-intersecting shapes (run under a savepoint: a GEOS failure
--          leaves them as given).
-- Params:  $1 source text
-- Columns: none
UPDATE boundaries SET geom = ST_Multi(ST_CollectionExtract(ST_MakeValid(geom, 'method=structure'), 3))
WHERE source = $1 AND NOT ST_IsValid(geom);
