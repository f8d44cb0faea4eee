-- Purpose: records a load that failed as a whole, with its counts and report, outside the load's
--          rolled-back transaction.
-- Params:  $1 feed id text, $2 checksum text, $3 source name text, $4 rows read int, $5 accepted
--          int, $6 rejected int, $7 geocoded int, $8 warned int, $9 report jsonb (text)
-- Columns: id
INSERT INTO feed_versions (feed_id, status, checksum, source_name, rows_read, rows_accepted, rows_rejected, rows_geocoded, rows_warned, report)
VALUES ($1, 'failed', $2, $3, $4, $5, $6, $7, $8, $9::jsonb) RETURNING id;
