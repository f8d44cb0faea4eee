-- Purpose: holds the stored coverage distances for the rest of the transaction: a rebuild and a
--          publish's refresh never interleave.
-- Params:  $1 lock key bigint
-- Columns: none
SELECT pg_advisory_xact_lock($1);
