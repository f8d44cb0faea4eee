-- Purpose: the API keys of one jurisdiction or of all, for the keys command (no hashes).
-- Params:  $1 jurisdiction id text | null (all)
-- Columns: id, jurisdiction_id, key_prefix, label, created_at, revoked_at
SELECT id, jurisdiction_id, key_prefix, label, created_at, revoked_at
FROM api_keys
WHERE $1::text IS NULL OR jurisdiction_id = $1
ORDER BY jurisdiction_id, id;
