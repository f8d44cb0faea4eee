-- Purpose: how the units of one source were located: count and population per method.
-- Params:  $1 source text
-- Columns: located_by, n, population
SELECT indicators->>'located_by' AS located_by, count(*)::int AS n, coalesce(sum(population), 0)::bigint AS population
FROM population_units WHERE source = $1 GROUP BY 1 ORDER BY 1;
