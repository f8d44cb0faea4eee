-- The analysts' gaps and suggested shared sites start from the population units
-- farther than the threshold from every matching point. Each request found them by
-- reading every unit's stored distance (50,000 rows at 50,000 units) to keep the few
-- beyond the threshold. They are now copied out when the coverage store is refreshed
-- (in the same transaction): for each stored scope where they are few, the units
-- farther than the default threshold (50 km), indexed by distance, so a request for
-- one such scope at that threshold or beyond reads only its gaps. Other requests (a
-- nearer threshold, several values of a filter, filters the store does not keep, a
-- scope where most units are far) read the per-unit distances as before; both give
-- the same answers (tests/integration/gap-store.test.ts).

CREATE TABLE coverage_gap_distances (
  scope text NOT NULL,
  unit_id text NOT NULL,
  distance_m double precision,
  nearest_point_pk bigint,
  nearest_point_id text
);
CREATE INDEX coverage_gap_distances_scope ON coverage_gap_distances (scope, distance_m);
COMMENT ON TABLE coverage_gap_distances IS
  'coverage_distances rows farther than the scope''s coverage_gap_scopes.beyond_m (or with no distance); refreshed with coverage_distances.';

CREATE TABLE coverage_gap_scopes (
  scope text PRIMARY KEY,
  beyond_m double precision NOT NULL CHECK (beyond_m >= 0)
);
COMMENT ON TABLE coverage_gap_scopes IS
  'The stored scopes whose far units are in coverage_gap_distances, and from what distance; a scope absent here is answered from coverage_distances.';

-- The scopes stored today whose far units are at most a quarter of their units (as
-- data-loaders/lib/coverage/coverage-totals.ts copies them at each refresh), so the first
-- requests after this migration read them too.
CREATE TEMPORARY TABLE coverage_gap_kept ON COMMIT DROP AS
SELECT c.scope FROM coverage_distances c
WHERE c.scope NOT LIKE 'live:%'
GROUP BY c.scope
HAVING count(*) FILTER (WHERE c.distance_m IS NULL OR c.distance_m > 50000) <= 0.25 * count(*);
INSERT INTO coverage_gap_scopes (scope, beyond_m) SELECT scope, 50000 FROM coverage_gap_kept;
INSERT INTO coverage_gap_distances (scope, unit_id, distance_m, nearest_point_pk, nearest_point_id)
SELECT c.scope, c.unit_id, c.distance_m, c.nearest_point_pk, c.nearest_point_id
FROM coverage_distances c
WHERE c.scope IN (SELECT scope FROM coverage_gap_kept) AND (c.distance_m IS NULL OR c.distance_m > 50000);
