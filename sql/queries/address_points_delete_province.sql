-- Purpose: removes one source's address points of one province (a province's file replaces them).
-- Params:  $1 source text, $2 province text
-- Columns: none
DELETE FROM address_points WHERE source = $1 AND province = $2;
