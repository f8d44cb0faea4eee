-- Purpose: coverage_precision.sql's row for one stored scope, a default band edge as the
--          threshold and the default margin: the unit figures from coverage_precision_totals,
--          the matching points by location precision counted as coverage_precision.sql does.
-- Params:  $1 scope text, $2 threshold metres float8 (a default band edge), $3 unit provinces text[] | null,
--          $4 levels text[] | null, $5 jurisdiction ids text[] | null, $6 categories text[] | null (any of)
-- Columns: as coverage_precision.sql
WITH pts AS (
  SELECT sp.geocode_quality AS q, count(*)::int AS n
  FROM service_points sp
  WHERE sp.is_published
    AND ($4::text[] IS NULL OR sp.jurisdiction_id IN (SELECT j.id FROM jurisdictions j WHERE j.level = ANY ($4::text[])))
    AND ($5::text[] IS NULL OR sp.jurisdiction_id = ANY ($5::text[]))
    AND ($6::text[] IS NULL OR sp.categories && $6::text[])
  GROUP BY sp.geocode_quality
),
t AS (
  SELECT * FROM coverage_precision_totals t
  WHERE t.scope = $1::text AND t.threshold_m = $2::float8 AND ($3::text[] IS NULL OR t.province = ANY ($3::text[]))
)
SELECT
  coalesce((SELECT sum(n) FROM pts WHERE q IN ('source', 'address')), 0)::int AS points_source,
  coalesce((SELECT sum(n) FROM pts WHERE q = 'postal_code'), 0)::int AS points_postal_code,
  coalesce((SELECT sum(n) FROM pts WHERE q = 'community'), 0)::int AS points_community,
  coalesce((SELECT sum(n) FROM pts WHERE q = 'none'), 0)::int AS points_not_located,
  coalesce((SELECT sum(units_nearest_approximate) FROM t), 0)::int AS units_nearest_approximate,
  coalesce((SELECT sum(population_nearest_approximate) FROM t), 0)::float8 AS population_nearest_approximate,
  coalesce((SELECT sum(population_within_low) FROM t), 0)::float8 AS population_within_low,
  coalesce((SELECT sum(population_within_high) FROM t), 0)::float8 AS population_within_high;
