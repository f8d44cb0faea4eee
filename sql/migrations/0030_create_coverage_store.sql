-- The stored coverage behind /api/coverage, /api/gaps and /api/partnerships:
-- for every population unit, the distance to its nearest published service
-- point, once per "scope" (every point, each order of government, each
-- jurisdiction, each category). Analyses read these rows instead of running
-- one nearest-neighbour search per unit on each request. docs/coverage.md
-- explains which filters answer from here and which fall back to live queries.

CREATE TABLE coverage_distances (
  scope text NOT NULL CHECK (scope ~ '^(all|level:[a-z]+|jurisdiction:[a-z0-9-]+|category:[a-z0-9_-]+|live:[a-z0-9]+)$'),
  unit_id text NOT NULL,
  distance_m double precision CHECK (distance_m >= 0),
  nearest_point_pk bigint,
  nearest_point_id text,
  PRIMARY KEY (scope, unit_id)
);
COMMENT ON TABLE coverage_distances IS
  'Great-circle distance from each population unit''s representative point to its nearest published service point, per scope; refreshed on publish.';
COMMENT ON COLUMN coverage_distances.scope IS
  'all | level:<level> | jurisdiction:<id> | category:<code>; live:<token> rows exist only inside a rolled-back transaction.';
COMMENT ON COLUMN coverage_distances.distance_m IS
  'Metres on a sphere of radius 6371008.8 m (ST_Distance(geography, geography, false)); null when no point matches the scope.';
-- Units without a point have no row: they are counted as "not located" from population_units itself.
-- No foreign key to population_units: a census reload replaces units in bulk, and the
-- generation counters below (not cascades) tell readers the rows are stale.
CREATE INDEX coverage_distances_point ON coverage_distances (nearest_point_pk);
CREATE INDEX coverage_distances_unit ON coverage_distances (unit_id);

CREATE TABLE analysis_state (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  points_generation bigint NOT NULL DEFAULT 0,
  -- The count when the transaction that last changed points began, so a publish can
  -- tell whether the store was fresh before its own changes (and refresh only its scopes).
  points_generation_before_tx bigint NOT NULL DEFAULT 0,
  points_txid bigint,
  units_generation bigint NOT NULL DEFAULT 0,
  coverage_points_generation bigint NOT NULL DEFAULT 0,
  coverage_units_generation bigint NOT NULL DEFAULT 0,
  coverage_refreshed_at timestamptz
);
INSERT INTO analysis_state DEFAULT VALUES;
COMMENT ON TABLE analysis_state IS
  'One row. *_generation counts changes to published points and to population units; the coverage store is fresh when its coverage_* copies equal them.';

-- Triggers keep the counters honest whoever changes the data (publish, rollback,
-- a census reload, a manual fix), so the coverage store and the tile index can
-- tell they are stale without every writer having to remember them.
CREATE FUNCTION analysis_bump_units() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE analysis_state SET units_generation = units_generation + 1;
  RETURN NULL;
END $$;
COMMENT ON FUNCTION analysis_bump_units() IS 'Marks stored coverage and tiles stale after any change to population_units.';

CREATE TRIGGER population_units_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON population_units
  FOR EACH STATEMENT EXECUTE FUNCTION analysis_bump_units();

-- Staging a version inserts unpublished rows; only changes that touch published
-- rows alter what analysts see, so the point triggers look at the transition tables.
CREATE FUNCTION analysis_bump_points() RETURNS void LANGUAGE sql AS $$
  UPDATE analysis_state SET
    points_generation_before_tx = CASE WHEN points_txid = txid_current() THEN points_generation_before_tx ELSE points_generation END,
    points_txid = txid_current(),
    points_generation = points_generation + 1;
$$;
COMMENT ON FUNCTION analysis_bump_points() IS 'Counts a change to published service points, remembering the count before this transaction.';

CREATE FUNCTION analysis_bump_points_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_rows WHERE is_published) THEN
    PERFORM analysis_bump_points();
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION analysis_bump_points_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM old_rows WHERE is_published) THEN
    PERFORM analysis_bump_points();
  END IF;
  RETURN NULL;
END $$;
COMMENT ON FUNCTION analysis_bump_points_new() IS 'Marks stored coverage and tiles stale when published service points appear or change.';
COMMENT ON FUNCTION analysis_bump_points_old() IS 'Marks stored coverage and tiles stale when published service points disappear or change.';

CREATE TRIGGER service_points_inserted AFTER INSERT ON service_points
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analysis_bump_points_new();
CREATE TRIGGER service_points_updated_new AFTER UPDATE ON service_points
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION analysis_bump_points_new();
CREATE TRIGGER service_points_updated_old AFTER UPDATE ON service_points
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION analysis_bump_points_old();
CREATE TRIGGER service_points_deleted AFTER DELETE ON service_points
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION analysis_bump_points_old();
