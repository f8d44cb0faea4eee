-- The server's secret for hashing API keys with HMAC-SHA-256. Keys are 256
-- random bits, so a keyed hash is as safe as a slow one and costs a
-- microsecond instead of an scrypt with 16 MiB per unauthenticated write.
-- The secret is made here, once, from the database's cryptographic random
-- generator (two version-4 UUIDs: 244 random bits). Everyone may read it
-- (the app verifies keys); only batch work ('*') may change it, and changing
-- it invalidates every HMAC key.
CREATE TABLE app_secrets (
  name text PRIMARY KEY,
  value text NOT NULL CHECK (length(value) >= 32)
);
COMMENT ON TABLE app_secrets IS 'Server secrets made by migrations (the API-key HMAC secret).';

INSERT INTO app_secrets (name, value)
VALUES ('api_key_hmac', replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));

ALTER TABLE app_secrets ENABLE ROW LEVEL SECURITY;
ALTER TABLE app_secrets FORCE ROW LEVEL SECURITY;
CREATE POLICY app_secrets_read ON app_secrets FOR SELECT USING (true);
CREATE POLICY app_secrets_write ON app_secrets FOR ALL
  USING (coalesce(current_setting('app.jurisdiction_id', true), '') = '*')
  WITH CHECK (coalesce(current_setting('app.jurisdiction_id', true), '') = '*');
