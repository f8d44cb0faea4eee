-- Purpose: the population within the threshold of each scope's nearest point, for
--          the coverage breakdown by jurisdiction, order of government or service.
-- Params:  $1 scopes text[], $2 threshold metres float8, $3 unit provinces text[] | null
-- Columns: scope text, population_within float8, units_within int, population_total float8
--          (every unit of the provinces, located or not: the same denominator as /api/coverage)
WITH tot AS (
  SELECT coalesce(sum(population), 0)::float8 AS population_total
  FROM population_units WHERE $3::text[] IS NULL OR province = ANY ($3::text[])
)
SELECT s.scope,
  coalesce(sum(u.population) FILTER (WHERE c.distance_m <= $2::float8), 0)::float8 AS population_within,
  count(u.id) FILTER (WHERE c.distance_m <= $2::float8)::int AS units_within,
  (SELECT population_total FROM tot) AS population_total
FROM unnest($1::text[]) AS s(scope)
LEFT JOIN coverage_distances c ON c.scope = s.scope
LEFT JOIN population_units u ON u.id = c.unit_id AND ($3::text[] IS NULL OR u.province = ANY ($3::text[]))
GROUP BY s.scope
ORDER BY s.scope;
