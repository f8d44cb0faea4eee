-- Purpose: removes every place of one gazetteer source (its places are replaced).
-- Params:  $1 source text
-- Columns: none
DELETE FROM places WHERE source = $1;
