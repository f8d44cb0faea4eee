#!/usr/bin/env bash
# The database roles of .ci/run, for docker-compose.yml. The postgres image's
# entrypoint runs /docker-entrypoint-initdb.d/* once, in name order, when the
# data volume is empty: as the superuser POSTGRES_USER, against a server that
# listens on its Unix socket only. The postgis image's 10_postgis.sh has already
# made PostGIS in POSTGRES_DB. This script then creates
#   finder      the owner of the database and its tables: migrations, npm run load
#               (MIGRATION_DATABASE_URL);
#   finder_app  the running app (DATABASE_URL): owns nothing, so it can neither
#               alter the tables nor escape their row-level security.
# The entrypoint runs it when it is executable and sources it otherwise; it
# works either way (plain psql, no exit). It never runs again on a volume that
# is already initialised: `docker compose down -v` starts afresh.
# Checked by reading it against the docker-library/postgres entrypoint and the
# postgis/postgis image; never run on the project's machines (no Docker engine).
set -Eeo pipefail

: "${FINDER_OWNER_PASSWORD:?set FINDER_OWNER_PASSWORD on the db service}"
: "${FINDER_APP_PASSWORD:?set FINDER_APP_PASSWORD on the db service}"

# Quoted heredoc: the shell expands nothing; psql binds :'var' as a literal and :"var" as an identifier.
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password --no-psqlrc --dbname "$POSTGRES_DB" \
  --set db="$POSTGRES_DB" --set owner_password="$FINDER_OWNER_PASSWORD" --set app_password="$FINDER_APP_PASSWORD" <<-'EOSQL'
	CREATE ROLE finder LOGIN PASSWORD :'owner_password';
	CREATE ROLE finder_app LOGIN PASSWORD :'app_password';
	-- The owner of the database owns its public schema too (PostgreSQL 15), so
	-- finder may create the tables there; nobody else may.
	ALTER DATABASE :"db" OWNER TO finder;
	-- PostGIS is not a trusted extension: the superuser creates the extensions,
	-- and migration 0001's CREATE EXTENSION IF NOT EXISTS finds them made.
	CREATE EXTENSION IF NOT EXISTS postgis;
	CREATE EXTENSION IF NOT EXISTS pg_trgm;
	CREATE EXTENSION IF NOT EXISTS unaccent;
	-- Tables and sequences finder creates later are readable and writable by finder_app.
	GRANT USAGE ON SCHEMA public TO finder_app;
	ALTER DEFAULT PRIVILEGES FOR ROLE finder IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO finder_app;
	ALTER DEFAULT PRIVILEGES FOR ROLE finder IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO finder_app;
EOSQL
