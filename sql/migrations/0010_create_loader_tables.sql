-- What the loaders of real feeds and census files need beyond the foundation
-- schema: co-located pairs across feeds, boundaries, population by postal
-- area, and census units that honestly have no point.

-- The same service point published by two jurisdictions (or two feeds), close
-- together: both are kept, the pair feeds the partnership analysis. Refreshed
-- on every publish and rollback; ids are the stable point ids, so a pair keeps
-- its first_seen_at across re-imports of identical points.
CREATE TABLE point_pairs (
  a_id text NOT NULL,
  b_id text NOT NULL,
  a_feed_id text NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
  b_feed_id text NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
  a_jurisdiction_id text NOT NULL REFERENCES jurisdictions (id),
  b_jurisdiction_id text NOT NULL REFERENCES jurisdictions (id),
  distance_m double precision NOT NULL CHECK (distance_m >= 0),
  name_similarity real NOT NULL CHECK (name_similarity BETWEEN 0 AND 1),
  kind text NOT NULL CHECK (kind IN ('duplicate', 'co_located')),
  approximate boolean NOT NULL DEFAULT false,
  first_seen_at timestamptz NOT NULL DEFAULT now(),
  refreshed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (a_id, b_id),
  CHECK (a_id < b_id)
);
COMMENT ON TABLE point_pairs IS 'Published points of two different feeds close together: duplicate (similar names) or co_located; both points are kept.';
COMMENT ON COLUMN point_pairs.approximate IS 'At least one point was located by postal code or community, not by its own coordinates.';
CREATE INDEX point_pairs_a_feed ON point_pairs (a_feed_id);
CREATE INDEX point_pairs_b_feed ON point_pairs (b_feed_id);

-- A census subdivision that no geometry or gazetteer place locates is still
-- counted in population totals; it has no point and is listed by the loader.
ALTER TABLE population_units ALTER COLUMN point DROP NOT NULL;
COMMENT ON COLUMN population_units.point IS 'Representative point (ST_PointOnSurface of the polygon, else a gazetteer place); NULL when the loader could not locate the unit (reported).';

-- Administrative boundaries loaded from open data (provinces, economic regions).
CREATE TABLE boundaries (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('province', 'economic_region', 'census_consolidated_subdivision')),
  code text NOT NULL,
  name text,
  province text CHECK (province ~ '^[A-Z]{2}$'),
  geom geometry(MultiPolygon, 4326) NOT NULL,
  source text NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE boundaries IS 'Boundary polygons from open data, by kind; replaced per source on each load.';
CREATE INDEX boundaries_geom ON boundaries USING gist (geom);

-- Census population by forward sortation area (the first three characters of a postal code).
CREATE TABLE fsa_population (
  fsa text PRIMARY KEY CHECK (fsa ~ '^[A-Z][0-9][A-Z]$'),
  name text,
  province text CHECK (province ~ '^[A-Z]{2}$'),
  population integer CHECK (population >= 0),
  private_dwellings integer CHECK (private_dwellings >= 0),
  incompletely_enumerated boolean NOT NULL DEFAULT false,
  census_year integer NOT NULL,
  source text NOT NULL
);
COMMENT ON TABLE fsa_population IS 'Census population by forward sortation area; census_year says which census.';
