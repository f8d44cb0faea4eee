-- The data model of docs/architecture.md: jurisdictions own feeds, feeds have
-- versions, versions hold service points; population units and places are the
-- census and gazetteer layers the analyses and the search run on.

CREATE TABLE jurisdictions (
  id text PRIMARY KEY CHECK (id ~ '^ca(-[a-z0-9]+)*$'),
  level text NOT NULL CHECK (level IN ('federal', 'provincial', 'territorial', 'municipal', 'indigenous')),
  name_en text NOT NULL,
  name_fr text NOT NULL,
  parent_id text REFERENCES jurisdictions (id),
  province text CHECK (province ~ '^[A-Z]{2}$'),
  website text,
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE jurisdictions IS 'Governments that publish service points: federal, provincial/territorial, municipal, Indigenous.';

CREATE TABLE feeds (
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  jurisdiction_id text NOT NULL REFERENCES jurisdictions (id),
  name_en text NOT NULL,
  name_fr text NOT NULL,
  format text NOT NULL CHECK (format IN ('csv', 'geojson', 'hsds', 'adapter')),
  adapter text,
  source_url text,
  licence text,
  attribution_en text,
  attribution_fr text,
  mapping jsonb NOT NULL DEFAULT '{}'::jsonb,
  is_synthetic boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE feeds IS 'A jurisdiction''s named source of service points (a URL or uploads).';
COMMENT ON COLUMN feeds.is_synthetic IS 'Generated demonstration data: shown as synthetic everywhere it appears.';

CREATE TABLE feed_versions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  feed_id text NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
  status text NOT NULL CHECK (status IN ('staged', 'published', 'superseded', 'rolled_back', 'failed')),
  checksum text NOT NULL,
  source_name text,
  rows_read integer NOT NULL DEFAULT 0 CHECK (rows_read >= 0),
  rows_accepted integer NOT NULL DEFAULT 0 CHECK (rows_accepted >= 0),
  rows_rejected integer NOT NULL DEFAULT 0 CHECK (rows_rejected >= 0),
  rows_geocoded integer NOT NULL DEFAULT 0 CHECK (rows_geocoded >= 0),
  rows_warned integer NOT NULL DEFAULT 0 CHECK (rows_warned >= 0),
  report jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
COMMENT ON TABLE feed_versions IS 'Each load of a feed, with its counts and validation report. One published version per feed.';
CREATE UNIQUE INDEX feed_versions_one_published ON feed_versions (feed_id) WHERE status = 'published';
CREATE INDEX feed_versions_feed ON feed_versions (feed_id, id DESC);

CREATE TABLE service_points (
  pk bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id text NOT NULL,
  feed_version_id bigint NOT NULL REFERENCES feed_versions (id) ON DELETE CASCADE,
  feed_id text NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
  jurisdiction_id text NOT NULL REFERENCES jurisdictions (id),
  source_id text NOT NULL,
  name_en text NOT NULL CHECK (length(name_en) > 0),
  name_fr text,
  organization text,
  categories text[] NOT NULL DEFAULT '{}',
  address text,
  city text,
  province text CHECK (province ~ '^[A-Z]{2}$'),
  postal_code text,
  phone text,
  email text,
  website text,
  hours jsonb,
  languages text[] NOT NULL DEFAULT '{}',
  accessibility text[] NOT NULL DEFAULT '{}',
  lon double precision CHECK (lon BETWEEN -180 AND 180),
  lat double precision CHECK (lat BETWEEN -90 AND 90),
  geom geometry(Point, 4326) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326)) STORED,
  geog geography(Point, 4326) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography) STORED,
  geocode_quality text NOT NULL CHECK (geocode_quality IN ('source', 'postal_code', 'community', 'none')),
  extra jsonb NOT NULL DEFAULT '{}'::jsonb,
  is_published boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- Both coordinates or neither; a located point must be a real number pair.
  CONSTRAINT service_points_lon_lat_together CHECK ((lon IS NULL) = (lat IS NULL)),
  CONSTRAINT service_points_located_quality CHECK ((lon IS NULL) = (geocode_quality = 'none')),
  UNIQUE (feed_version_id, id)
);
COMMENT ON TABLE service_points IS 'One row per service point per feed version; citizens see only rows of published versions.';
COMMENT ON COLUMN service_points.id IS 'Stable public id: the same source record keeps it across versions of its feed.';
COMMENT ON COLUMN service_points.is_published IS 'True exactly for rows of the published version of their feed; kept by publish.';
CREATE INDEX service_points_published_geog ON service_points USING gist (geog) WHERE is_published;
CREATE INDEX service_points_published_geom ON service_points USING gist (geom) WHERE is_published;
CREATE INDEX service_points_id ON service_points (id) WHERE is_published;
CREATE INDEX service_points_version ON service_points (feed_version_id);

CREATE TABLE service_categories (
  code text PRIMARY KEY CHECK (code ~ '^[a-z0-9_]+$'),
  name_en text NOT NULL,
  name_fr text NOT NULL,
  description_en text,
  description_fr text,
  usual_levels text[] NOT NULL DEFAULT '{}',
  sort_order integer NOT NULL DEFAULT 0
);
COMMENT ON TABLE service_categories IS 'Bilingual taxonomy of services (passport, health card, ...).';

CREATE TABLE life_events (
  code text PRIMARY KEY CHECK (code ~ '^[a-z0-9_]+$'),
  name_en text NOT NULL,
  name_fr text NOT NULL,
  description_en text,
  description_fr text,
  sort_order integer NOT NULL DEFAULT 0
);
COMMENT ON TABLE life_events IS 'Bundles of services a person needs at one moment of life (lost wallet, having a baby).';

CREATE TABLE life_event_categories (
  life_event_code text NOT NULL REFERENCES life_events (code) ON DELETE CASCADE,
  category_code text NOT NULL REFERENCES service_categories (code) ON DELETE CASCADE,
  sort_order integer NOT NULL DEFAULT 0,
  PRIMARY KEY (life_event_code, category_code)
);

CREATE TABLE population_units (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('csd', 'da', 'fsa', 'place')),
  name text NOT NULL,
  province text CHECK (province ~ '^[A-Z]{2}$'),
  population integer CHECK (population >= 0),
  indicators jsonb NOT NULL DEFAULT '{}'::jsonb,
  geom geometry(MultiPolygon, 4326),
  point geometry(Point, 4326) NOT NULL,
  source text NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE population_units IS 'Census geography with population and indicators (CWB, community type); point is a representative point.';
COMMENT ON COLUMN population_units.source IS 'Where the unit came from, e.g. cwb-2021 or the npm gazetteer fallback.';
CREATE INDEX population_units_point ON population_units USING gist (point);
CREATE INDEX population_units_geom ON population_units USING gist (geom);

CREATE TABLE places (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('community', 'postal_code', 'indigenous_community')),
  name text NOT NULL,
  name_fr text,
  province text CHECK (province ~ '^[A-Z]{2}$'),
  population integer CHECK (population >= 0),
  csd_code text,
  lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
  lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  geom geometry(Point, 4326) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326)) STORED,
  source text NOT NULL,
  source_key text NOT NULL,
  UNIQUE (source, source_key)
);
COMMENT ON TABLE places IS 'Gazetteer for search and geocoding: communities, postal FSAs, Indigenous communities.';
CREATE INDEX places_geom ON places USING gist (geom);

CREATE TABLE api_keys (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  jurisdiction_id text NOT NULL REFERENCES jurisdictions (id),
  key_prefix text NOT NULL UNIQUE,
  key_hash text NOT NULL,
  label text,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
COMMENT ON TABLE api_keys IS 'Stewards'' API keys, stored hashed; each key acts for one jurisdiction only.';
