-- Purpose: the published standard and latest figures of every point that has any, for the
--          in-process nearest index (server/nearest), which keeps them beside the points and
--          is told by migration 0124's triggers when they change.
-- Params:  none
-- Columns: id, standard jsonb | null, performance jsonb | null (as points_standard_performance.sql)
SELECT t.id, service_standard_json('point', t.id) AS standard, service_performance_json('point', t.id) AS performance
FROM (
  SELECT target_id AS id FROM service_standards WHERE target_kind = 'point'
  UNION
  SELECT DISTINCT target_id FROM service_performance WHERE target_kind = 'point'
) AS t;
