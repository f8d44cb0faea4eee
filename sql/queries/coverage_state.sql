-- Purpose: whether the coverage store matches the published points and the population units.
--          points_generation_before_tx is the count before the current transaction's own
--          changes, so a publish can tell whether the store was fresh when it began.
-- Params:  none
-- Columns: points_generation, units_generation, coverage_points_generation,
--          coverage_units_generation, points_generation_before_tx (int8), coverage_refreshed_at
SELECT points_generation, units_generation, coverage_points_generation, coverage_units_generation,
  CASE WHEN points_txid = txid_current() THEN points_generation_before_tx ELSE points_generation END AS points_generation_before_tx,
  coverage_refreshed_at
FROM analysis_state;
