-- Extensions every query relies on. In server mode a superuser may have created
-- them already (the app role need not be able to); IF NOT EXISTS makes that a no-op.
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
