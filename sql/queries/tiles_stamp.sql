-- Purpose: the version of what the tiles show; the in-memory tile index is rebuilt when it changes.
-- Params:  none
-- Columns: stamp text
SELECT concat_ws(':', points_generation, units_generation, coverage_points_generation, coverage_units_generation,
  extract(epoch FROM coverage_refreshed_at)) AS stamp
FROM analysis_state;
