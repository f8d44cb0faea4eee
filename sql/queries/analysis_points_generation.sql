-- Purpose: the count of changes to published service points (bumped by triggers on every
--          publish, rollback or edit), for caches of what depends on the published points.
-- Params:  none
-- Columns: points_generation text
SELECT points_generation::text AS points_generation FROM analysis_state;
