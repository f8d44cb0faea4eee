-- Purpose: coverage_summary.sql's rows for one stored scope at the default bands, read from
--          the totals added up when the store was refreshed (coverage_band_totals).
-- Params:  $1 scope text, $2 unit provinces text[] | null, $3 group_by text ('province' | 'none')
-- Columns: as coverage_summary.sql: group_id text, group_name text | null, band int | null,
--          population float8, units int, units_population_unknown int
SELECT CASE $3::text WHEN 'province' THEN t.province ELSE 'all' END AS group_id, NULL::text AS group_name,
  t.band::int AS band, sum(t.population)::float8 AS population, sum(t.units)::int AS units,
  sum(t.units_population_unknown)::int AS units_population_unknown
FROM coverage_band_totals t
WHERE t.scope = $1::text AND ($2::text[] IS NULL OR t.province = ANY ($2::text[]))
GROUP BY 1, 3
ORDER BY 1, 3;
