-- Purpose: stores a new API key (its prefix and scrypt hash, never the key itself).
-- Params:  $1 jurisdiction id text, $2 key prefix text, $3 key hash text, $4 label text | null
-- Columns: id, created_at
INSERT INTO api_keys (jurisdiction_id, key_prefix, key_hash, label)
VALUES ($1, $2, $3, $4)
RETURNING id, created_at;
