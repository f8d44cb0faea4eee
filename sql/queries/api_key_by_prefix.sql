-- Purpose: the stored hash of an API key, found by its public lookup prefix.
-- Params:  $1 key prefix text
-- Columns: id, jurisdiction_id, key_hash, revoked (boolean)
SELECT id, jurisdiction_id, key_hash, revoked_at IS NOT NULL AS revoked
FROM api_keys
WHERE key_prefix = $1;
