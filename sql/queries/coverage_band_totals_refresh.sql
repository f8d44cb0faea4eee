-- Purpose: population and units per stored scope, province and default distance band, added
--          up from coverage_distances the way coverage_summary.sql adds them up per request
--          (band i when edge i-1 < distance <= edge i; null for units that are not located).
--          A recompute stores a row for every located unit in every scope it keeps, so the
--          located units are the scope's rows and the others are the same for every scope.
-- Params:  $1 stored scopes text[], $2 default band upper edges in metres float8[] (ascending)
-- Columns: none (INSERT into coverage_band_totals)
INSERT INTO coverage_band_totals (scope, province, band, population, units, units_population_unknown)
WITH located AS (
  SELECT c.scope, coalesce(u.province, '') AS province,
    CASE
      WHEN c.distance_m IS NULL THEN cardinality($2::float8[]) + 1
      -- Edges below the distance, plus one: width_bucket counts the edges at or below it.
      ELSE 1 + width_bucket(c.distance_m, $2::float8[]) - (c.distance_m = ANY ($2::float8[]))::int
    END AS band,
    u.population
  FROM coverage_distances c
  JOIN population_units u ON u.id = c.unit_id
  WHERE c.scope = ANY ($1::text[]) AND u.point IS NOT NULL
),
unlocated AS (
  SELECT coalesce(u.province, '') AS province, u.population
  FROM population_units u
  WHERE u.point IS NULL
)
SELECT scope, province, band, coalesce(sum(population), 0)::float8, count(*)::int,
  count(*) FILTER (WHERE population IS NULL)::int
FROM located
GROUP BY scope, province, band
UNION ALL
SELECT s.scope, province, NULL, coalesce(sum(population), 0)::float8, count(*)::int,
  count(*) FILTER (WHERE population IS NULL)::int
FROM unlocated CROSS JOIN (SELECT DISTINCT unnest($1::text[]) AS scope) s
GROUP BY s.scope, province;
