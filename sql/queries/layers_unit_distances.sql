-- Purpose: each located unit's distance to the nearest matching published point (the
--          smallest over the scopes given), with that point's location precision.
-- Params:  $1 scopes text[], $2 unit provinces text[] | null
-- Columns: id text, distance_m float8 | null (null: no matching point at all),
--          nearest_point_id text | null, nearest_point_precision text | null
--          (geocode_quality: source | postal_code | community)
WITH d AS (
  SELECT DISTINCT ON (c.unit_id) c.unit_id, c.distance_m, c.nearest_point_pk, c.nearest_point_id
  FROM coverage_distances c
  WHERE c.scope = ANY ($1::text[])
  ORDER BY c.unit_id, c.distance_m ASC NULLS LAST
)
SELECT u.id, d.distance_m, d.nearest_point_id, sp.geocode_quality AS nearest_point_precision
FROM population_units u
LEFT JOIN d ON d.unit_id = u.id
LEFT JOIN service_points sp ON sp.pk = d.nearest_point_pk
WHERE u.point IS NOT NULL AND ($2::text[] IS NULL OR u.province = ANY ($2::text[]))
ORDER BY u.id;
