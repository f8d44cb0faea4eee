-- A key stored as scrypt (before migration 0070) costs one scrypt, 16 MiB and
-- tens of milliseconds, every time it is used. On the first successful use the
-- server stores the key's HMAC instead; from then on it costs a microsecond.
--
-- The app's role may not write api_keys (0071): keys are issued by operators'
-- batch jobs. This function is the one change it may make, and only this one:
-- replace a hash that is still scrypt, and still exactly the one the server
-- has just verified the presented key against, with an HMAC hash of the form
-- the server writes. It runs as the tables' owner, acting for every
-- jurisdiction for its own statement only: the caller's jurisdiction setting
-- is put back before it returns, so the rest of the caller's transaction acts
-- for whom it acted for before.
--
-- What remains: someone who could already run SQL as the app's role could
-- replace a key still stored as scrypt with one they made. Keys issued since
-- 0070 never qualify; reissuing the old keys (npm run keys) closes it.
CREATE FUNCTION upgrade_api_key_hash(p_key_id bigint, p_verified_hash text, p_new_hash text)
RETURNS boolean
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
DECLARE
  caller text := coalesce(current_setting('app.jurisdiction_id', true), '');
  changed boolean;
BEGIN
  IF p_verified_hash NOT LIKE 'scrypt$%' OR p_new_hash !~ '^hmac-sha256(-env)?\$[A-Za-z0-9_-]{43}$' THEN
    RETURN false;
  END IF;
  PERFORM set_config('app.jurisdiction_id', '*', true);
  UPDATE public.api_keys
  SET key_hash = p_new_hash
  WHERE id = p_key_id AND key_hash = p_verified_hash AND revoked_at IS NULL;
  changed := FOUND;
  PERFORM set_config('app.jurisdiction_id', caller, true);
  RETURN changed;
END
$$;
COMMENT ON FUNCTION upgrade_api_key_hash(bigint, text, text) IS
  'Replaces a legacy scrypt key hash, just verified, with its HMAC-SHA-256 (the only api_keys write the app may make).';
