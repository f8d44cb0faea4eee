-- Purpose: empties the scratch table of fresh pairs.
-- Params:  none
-- Columns: none
DELETE FROM fresh_point_pairs;
