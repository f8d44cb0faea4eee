-- Purpose: how much of a coverage figure rests on approximately located points: the
--          matching published points by location precision, the units whose nearest
--          matching point is only at a postal area's or community's centre, and the
--          range of the population within the threshold if each such nearest point may
--          be up to the margin away from where it is drawn (docs/coverage.md).
-- Params:  $1 scopes text[], $2 threshold metres float8, $3 margin metres float8,
--          $4 unit provinces text[] | null, $5 levels text[] | null, $6 jurisdiction ids text[] | null,
--          $7 categories text[] | null (any of), $8 languages text[] | null (any of),
--          $9 accessibility text[] | null (all of)
-- Columns: points_source, points_postal_code, points_community, points_not_located int
--          (matching published points by geocode_quality; 'address' counts as source),
--          units_nearest_approximate int, population_nearest_approximate float8,
--          population_within_low float8, population_within_high float8
WITH d AS (
  SELECT DISTINCT ON (c.unit_id) c.unit_id, c.distance_m, c.nearest_point_pk
  FROM coverage_distances c
  WHERE c.scope = ANY ($1::text[])
  ORDER BY c.unit_id, c.distance_m ASC NULLS LAST
),
unit AS (
  SELECT u.population::float8 AS population, d.distance_m, sp.geocode_quality IN ('postal_code', 'community') AS approximate
  FROM population_units u
  JOIN d ON d.unit_id = u.id
  LEFT JOIN service_points sp ON sp.pk = d.nearest_point_pk
  WHERE u.point IS NOT NULL AND d.distance_m IS NOT NULL AND ($4::text[] IS NULL OR u.province = ANY ($4::text[]))
),
pts AS (
  SELECT sp.geocode_quality AS q, count(*)::int AS n
  FROM service_points sp
  WHERE sp.is_published
    AND ($5::text[] IS NULL OR sp.jurisdiction_id IN (SELECT j.id FROM jurisdictions j WHERE j.level = ANY ($5::text[])))
    AND ($6::text[] IS NULL OR sp.jurisdiction_id = ANY ($6::text[]))
    AND ($7::text[] IS NULL OR sp.categories && $7::text[])
    AND ($8::text[] IS NULL OR sp.languages && $8::text[])
    AND ($9::text[] IS NULL OR sp.accessibility @> $9::text[])
  GROUP BY sp.geocode_quality
)
SELECT
  coalesce((SELECT sum(n) FROM pts WHERE q IN ('source', 'address')), 0)::int AS points_source,
  coalesce((SELECT sum(n) FROM pts WHERE q = 'postal_code'), 0)::int AS points_postal_code,
  coalesce((SELECT sum(n) FROM pts WHERE q = 'community'), 0)::int AS points_community,
  coalesce((SELECT sum(n) FROM pts WHERE q = 'none'), 0)::int AS points_not_located,
  (SELECT count(*) FROM unit WHERE approximate)::int AS units_nearest_approximate,
  coalesce((SELECT sum(population) FROM unit WHERE approximate), 0)::float8 AS population_nearest_approximate,
  coalesce((SELECT sum(population) FROM unit
    WHERE CASE WHEN approximate THEN distance_m + $3::float8 <= $2::float8 ELSE distance_m <= $2::float8 END), 0)::float8 AS population_within_low,
  coalesce((SELECT sum(population) FROM unit
    WHERE CASE WHEN approximate THEN distance_m - $3::float8 <= $2::float8 ELSE distance_m <= $2::float8 END), 0)::float8 AS population_within_high;
