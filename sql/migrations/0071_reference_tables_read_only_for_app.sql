-- The app's role (finder_app in .ci/run and docker-compose.yml) is granted
-- SELECT, INSERT, UPDATE and DELETE on every table the owner creates (default
-- privileges). Reference tables have no row-level security: they are written
-- by migrations, seeds and operators' batch loads, which run as the owner, and
-- never by a request. A role that is neither the owner nor a superuser keeps
-- only SELECT on them, so a request (or anything that takes over the app's
-- connection) cannot change a jurisdiction, a place, a category, a migration
-- record or the API-key secret. Tables the app writes under row-level
-- security (feeds, versions, points, channels, standards, performance,
-- responsibilities, pairs) and the analysts' stored coverage keep their rights.
-- A new reference table added later revokes the same way.
DO $$
DECLARE
  t text;
  r record;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'jurisdictions', 'places', 'service_categories', 'boundaries', 'fsa_population', 'population_units',
    'life_events', 'life_event_categories', 'channel_column_synonyms', 'schema_migrations', 'app_secrets', 'api_keys'
  ] LOOP
    IF to_regclass('public.' || t) IS NULL THEN CONTINUE; END IF;
    FOR r IN
      SELECT DISTINCT grantee FROM information_schema.role_table_grants
      WHERE table_schema = 'public' AND table_name = t AND privilege_type IN ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE')
        AND grantee <> 'PUBLIC' AND grantee <> current_user
        AND grantee NOT IN (SELECT rolname FROM pg_roles WHERE rolsuper)
    LOOP
      EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON TABLE %I FROM %I', t, r.grantee);
    END LOOP;
  END LOOP;
END $$;
