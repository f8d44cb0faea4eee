-- Purpose: population by group and distance band, read from the coverage store.
--          A unit's distance is the smallest over the scopes given (several values
--          of one filter, e.g. level=federal,provincial, mean "any of them").
-- Params:  $1 scopes text[], $2 band upper edges in metres float8[] (ascending),
--          $3 unit provinces text[] | null, $4 group_by text ('province' | 'csd' | 'none')
-- Columns: group_id text, group_name text | null, band int | null (null: unit not located;
--          i in 1..n: distance <= edge i and > edge i-1; n+1: farther than every edge, or
--          no matching point), population float8 (unknown population counts as 0),
--          units int, units_population_unknown int
WITH d AS (
  SELECT c.unit_id, min(c.distance_m) AS distance_m
  FROM coverage_distances c
  WHERE c.scope = ANY ($1::text[])
  GROUP BY c.unit_id
),
unit AS (
  SELECT
    CASE $4::text
      WHEN 'province' THEN coalesce(u.province, '')
      WHEN 'csd' THEN coalesce(u.indicators ->> 'csd_code', u.id)
      ELSE 'all' END AS group_id,
    CASE $4::text
      WHEN 'csd' THEN coalesce(u.indicators ->> 'csd_name', u.name)
      ELSE NULL END AS group_name,
    CASE
      WHEN u.point IS NULL THEN NULL
      WHEN d.distance_m IS NULL THEN cardinality($2::float8[]) + 1
      ELSE 1 + (SELECT count(*)::int FROM unnest($2::float8[]) AS e WHERE e < d.distance_m)
    END AS band,
    u.population
  FROM population_units u
  LEFT JOIN d ON d.unit_id = u.id
  WHERE $3::text[] IS NULL OR u.province = ANY ($3::text[])
)
SELECT group_id, min(group_name) AS group_name, band,
  coalesce(sum(population), 0)::float8 AS population,
  count(*)::int AS units,
  count(*) FILTER (WHERE population IS NULL)::int AS units_population_unknown
FROM unit
GROUP BY group_id, band
ORDER BY group_id, band;
