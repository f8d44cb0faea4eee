-- The coverage store is rewritten for every population unit at each national
-- recompute (500,000 units: 500,000 rows per scope). Two of its indexes were
-- never read: every query finds rows by (scope, unit_id), which the primary key
-- answers, and reaches the nearest point from the row, never the other way
-- round. Each written row paid for them.
DROP INDEX IF EXISTS coverage_distances_point;
DROP INDEX IF EXISTS coverage_distances_unit;

-- A recompute now rewrites only the rows whose nearest point changed, in place:
-- no indexed column changes, so with some room left on each page the new row
-- version stays on the same page and the primary key is not touched (a HOT update).
ALTER TABLE coverage_distances SET (fillfactor = 85);
