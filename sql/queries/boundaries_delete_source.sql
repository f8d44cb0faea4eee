-- Purpose: removes every boundary of one source (they are replaced).
-- Params:  $1 source text
-- Columns: none
DELETE FROM boundaries WHERE source = $1;
