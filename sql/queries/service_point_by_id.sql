-- Purpose: one published service point by its stable public id.
-- Params:  $1 id text
-- Columns: the service point fields of the API contract (no distance);
--          time_zone is the point's IANA zone, else its province's;
--          standard and performance: the point's published standard and latest figures (jsonb | null).
SELECT sp.*,
  service_standard_json('point', sp.id) AS standard, service_performance_json('point', sp.id) AS performance
FROM published_service_points sp
WHERE sp.id = $1
LIMIT 1;
