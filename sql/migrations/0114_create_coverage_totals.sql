-- Analysts' coverage figures at the default distance bands, added up once when the
-- coverage store is refreshed (in the same transaction) instead of on every request:
-- GET /api/coverage for one stored scope, the default bands and approximate-location
-- margin, grouped by province or not at all, reads a few hundred rows here instead of
-- aggregating every population unit's distance. Other requests aggregate coverage_distances
-- as before; both give the same numbers (tests/integration/coverage-totals.test.ts).

CREATE TABLE coverage_band_totals (
  scope text NOT NULL,
  province text NOT NULL,
  band smallint,
  population double precision NOT NULL,
  units integer NOT NULL,
  units_population_unknown integer NOT NULL
);
CREATE INDEX coverage_band_totals_scope ON coverage_band_totals (scope, province);
COMMENT ON TABLE coverage_band_totals IS
  'Population and units per stored coverage scope, province and default distance band; refreshed with coverage_distances.';
COMMENT ON COLUMN coverage_band_totals.province IS 'The units'' province code; empty when a unit has none.';
COMMENT ON COLUMN coverage_band_totals.band IS
  'null: unit not located; i: nearest point within default edge i (and beyond edge i-1); edges + 1: beyond every edge.';

CREATE TABLE coverage_precision_totals (
  scope text NOT NULL,
  province text NOT NULL,
  threshold_m double precision NOT NULL,
  units_nearest_approximate integer NOT NULL,
  population_nearest_approximate double precision NOT NULL,
  population_within_low double precision NOT NULL,
  population_within_high double precision NOT NULL,
  PRIMARY KEY (scope, province, threshold_m)
);
COMMENT ON TABLE coverage_precision_totals IS
  'Per stored scope, province and default band edge used as threshold: the units whose nearest point is approximately located, and the population within the threshold if each such point were the default margin farther (low) or nearer (high).';
