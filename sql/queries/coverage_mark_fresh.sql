-- Purpose: records that the coverage store now matches the published points and units.
-- Params:  none
-- Columns: none
UPDATE analysis_state SET coverage_points_generation = points_generation,
  coverage_units_generation = units_generation, coverage_refreshed_at = now();
