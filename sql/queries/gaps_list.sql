-- Purpose: population units farther than the threshold from every matching point,
--          ranked by the priority score of docs/coverage.md (weights are parameters).
--          A missing indicator is null in the output and adds nothing to the score.
--          The gaps come from every unit's distance (coverage_distances) or, for one stored
--          scope at a threshold at or beyond its coverage_gap_scopes.beyond_m, from the far
--          units stored at refresh (coverage_gap_distances): the same units, fewer rows read.
-- Params:  $1 scopes text[] (stored: exactly one), $2 threshold metres float8, $3 unit provinces text[] | null,
--          $4 limit int, $5 offset int, $6 w_population float8, $7 w_distance float8,
--          $8 w_cwb float8, $9 w_indigenous float8, $10 cwb_cut float8, $11 stored boolean
-- Columns: unit_id, name, province, population (int | null), nearest_distance_m (null: no
--          matching point at all), nearest_point_id, nearest_point_precision (its geocode_quality),
--          lon, lat, indicators jsonb (cwb and
--          community_type always present, null when unknown), cwb float8 | null,
--          is_indigenous boolean | null, population_term, distance_term, cwb_term,
--          indigenous_term (float8, null when the indicator is missing), score float8,
--          total_gaps int, total_gap_population float8, gaps_by_province jsonb
--          ({province: {units, population}} over every gap, for the data-status totals)
WITH d AS (
  SELECT DISTINCT ON (c.unit_id) c.unit_id, c.distance_m, c.nearest_point_id, c.nearest_point_pk
  FROM coverage_distances c
  WHERE NOT $11::boolean AND c.scope = ANY ($1::text[])
  ORDER BY c.unit_id, c.distance_m ASC NULLS LAST
),
far AS (
  -- Every located unit, with its nearest point when it has one, kept when beyond the threshold.
  SELECT u.id, u.name, u.province, u.population, u.point, u.indicators, d.distance_m, d.nearest_point_id, d.nearest_point_pk
  FROM population_units u
  LEFT JOIN d ON d.unit_id = u.id
  WHERE NOT $11::boolean AND u.point IS NOT NULL
    AND (d.distance_m IS NULL OR d.distance_m > $2::float8)
    AND ($3::text[] IS NULL OR u.province = ANY ($3::text[]))
  UNION ALL
  -- A stored scope has a row for every located unit: its far rows are the same units.
  SELECT u.id, u.name, u.province, u.population, u.point, u.indicators, g.distance_m, g.nearest_point_id, g.nearest_point_pk
  FROM coverage_gap_distances g
  -- One primary-key lookup per far unit (OFFSET 0 keeps the planner from hashing every unit
  -- instead: it cannot know how few far units a scope has).
  CROSS JOIN LATERAL (SELECT * FROM population_units x WHERE x.id = g.unit_id OFFSET 0) u
  WHERE $11::boolean AND g.scope = ($1::text[])[1] AND u.point IS NOT NULL
    AND (g.distance_m IS NULL OR g.distance_m > $2::float8)
    AND ($3::text[] IS NULL OR u.province = ANY ($3::text[]))
),
gap AS (
  SELECT u.id AS unit_id, u.name, u.province, u.population, u.distance_m AS nearest_distance_m,
    u.nearest_point_id, (SELECT sp.geocode_quality FROM service_points sp WHERE sp.pk = u.nearest_point_pk) AS nearest_point_precision,
    ST_X(u.point) AS lon, ST_Y(u.point) AS lat,
    jsonb_build_object('cwb', NULL, 'community_type', NULL) || u.indicators AS indicators,
    CASE
      WHEN jsonb_typeof(u.indicators -> 'cwb') = 'number' THEN (u.indicators ->> 'cwb')::float8
      WHEN (u.indicators ->> 'cwb') ~ '^\s*[0-9]+(\.[0-9]+)?\s*$' THEN (u.indicators ->> 'cwb')::float8
    END AS cwb,
    CASE
      WHEN nullif(trim(u.indicators ->> 'community_type'), '') IS NULL THEN NULL
      WHEN (u.indicators ->> 'community_type') ~* 'non.?(indigenous|autochtone)' THEN false
      ELSE (u.indicators ->> 'community_type') ~* '(first.?nation|inuit|indigenous|autochtone|m[eé]tis|premi[eè]res?.?nations?)'
    END AS is_indigenous
  FROM far u
),
term AS (
  SELECT g.*,
    CASE WHEN g.population IS NULL THEN NULL ELSE least(1.0, log(1 + g.population::float8) / 6.0) END AS population_term,
    CASE WHEN g.nearest_distance_m IS NULL THEN 1.0
         ELSE least(1.0, ln(g.nearest_distance_m / $2::float8) / ln(8.0)) END AS distance_term,
    CASE WHEN g.cwb IS NULL THEN NULL WHEN g.cwb < $10::float8 THEN 1.0 ELSE 0.0 END AS cwb_term,
    CASE WHEN g.is_indigenous IS NULL THEN NULL WHEN g.is_indigenous THEN 1.0 ELSE 0.0 END AS indigenous_term
  FROM gap g
),
by_province AS (
  SELECT coalesce(jsonb_object_agg(coalesce(province, ''), jsonb_build_object('units', n, 'population', pop)), '{}'::jsonb) AS j
  FROM (SELECT province, count(*)::int AS n, coalesce(sum(population), 0)::float8 AS pop FROM term GROUP BY province) x
)
SELECT t.*, (SELECT j FROM by_province) AS gaps_by_province,
  $6::float8 * coalesce(t.population_term, 0) + $7::float8 * t.distance_term
    + $8::float8 * coalesce(t.cwb_term, 0) + $9::float8 * coalesce(t.indigenous_term, 0) AS score,
  count(*) OVER ()::int AS total_gaps,
  coalesce(sum(t.population) OVER (), 0)::float8 AS total_gap_population
FROM term t
ORDER BY score DESC, t.population DESC NULLS LAST, t.unit_id
LIMIT $4 OFFSET $5;
