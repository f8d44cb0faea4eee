-- Purpose: holds one feed for the rest of the transaction: every import, publish, rollback and
--          report change of a feed takes it first, so two of them never interleave.
-- Params:  $1 feed id text
-- Columns: none used
SELECT pg_advisory_xact_lock(hashtext('feed:' || $1::text));
