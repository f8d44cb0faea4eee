-- Purpose: how many gazetteer places are loaded.
-- Params:  none
-- Columns: n
SELECT count(*)::int AS n FROM places;
