-- Purpose: per stored scope, province and default band edge (as the threshold), the figures
--          coverage_precision.sql computes per request: units whose nearest point is located
--          only at a postal area's or community's centre, and the population within the
--          threshold if each such point were the margin farther (low) or nearer (high).
-- Params:  $1 stored scopes text[],
--          $2 default band edges in metres float8[], $3 default margin in metres float8
-- Columns: none (INSERT into coverage_precision_totals)
INSERT INTO coverage_precision_totals (scope, province, threshold_m, units_nearest_approximate,
  population_nearest_approximate, population_within_low, population_within_high)
WITH unit AS (
  SELECT c.scope, coalesce(u.province, '') AS province, u.population::float8 AS population, c.distance_m,
    sp.geocode_quality IN ('postal_code', 'community') AS approximate
  FROM coverage_distances c
  JOIN population_units u ON u.id = c.unit_id
  LEFT JOIN service_points sp ON sp.pk = c.nearest_point_pk
  WHERE c.scope = ANY ($1::text[])
    AND u.point IS NOT NULL AND c.distance_m IS NOT NULL
)
SELECT unit.scope, unit.province, e.edge_m,
  count(*) FILTER (WHERE approximate)::int,
  coalesce(sum(population) FILTER (WHERE approximate), 0)::float8,
  coalesce(sum(population) FILTER (WHERE
    CASE WHEN approximate THEN distance_m + $3::float8 <= e.edge_m ELSE distance_m <= e.edge_m END), 0)::float8,
  coalesce(sum(population) FILTER (WHERE
    CASE WHEN approximate THEN distance_m - $3::float8 <= e.edge_m ELSE distance_m <= e.edge_m END), 0)::float8
FROM unit CROSS JOIN unnest($2::float8[]) AS e(edge_m)
GROUP BY unit.scope, unit.province, e.edge_m;
