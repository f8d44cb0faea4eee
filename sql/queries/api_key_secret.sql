-- Purpose: the server's secret for hashing API keys (HMAC-SHA-256), made by migration 0070.
-- Params:  none
-- Columns: value
SELECT value FROM app_secrets WHERE name = 'api_key_hmac';
