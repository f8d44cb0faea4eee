-- Purpose: removes the stored distances of the scopes a publish can affect, before they are
--          recomputed.
-- Params:  $1 scope names text[]
-- Columns: none
DELETE FROM coverage_distances WHERE scope = ANY ($1::text[]);
