-- Purpose: stores a version's row counts and its row-by-row report once every row is in.
-- Params:  $1 version id bigint, $2 rows read int, $3 accepted int, $4 rejected int, $5 geocoded
--          int, $6 warned int, $7 report jsonb (text)
-- Columns: none
UPDATE feed_versions SET rows_read = $2, rows_accepted = $3, rows_rejected = $4, rows_geocoded = $5, rows_warned = $6, report = $7::jsonb
WHERE id = $1;
