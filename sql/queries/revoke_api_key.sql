-- Purpose: revokes an API key by its prefix; a revoked key is refused from then on.
-- Params:  $1 key prefix text
-- Columns: id, jurisdiction_id
UPDATE api_keys SET revoked_at = now()
WHERE key_prefix = $1 AND revoked_at IS NULL
RETURNING id, jurisdiction_id;
