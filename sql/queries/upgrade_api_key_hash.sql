-- Purpose: stores the HMAC of a key still stored as scrypt, on its first successful use (migration 0118).
-- Params:  $1 key id bigint, $2 the scrypt hash just verified text, $3 the key's HMAC hash text
-- Columns: upgraded (boolean: false when the stored hash had changed or was not scrypt)
SELECT upgrade_api_key_hash($1, $2, $3) AS upgraded;
