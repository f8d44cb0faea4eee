-- Purpose: the published service standard and latest performance figures of some points,
--          for nearest answers found in the in-process index (server/nearest), whose rows
--          carry everything else: these change with every push, not only with a publish.
-- Params:  $1 point ids text[]
-- Columns: id, standard jsonb | null, performance jsonb | null (as nearest_service_points.sql)
SELECT p.id, service_standard_json('point', p.id) AS standard, service_performance_json('point', p.id) AS performance
FROM unnest($1::text[]) AS p(id);
