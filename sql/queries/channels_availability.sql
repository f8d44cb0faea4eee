-- Purpose: analysts' report of channel availability: for each province or territory and
--          each service category, whether the governments that handle it there offer an
--          online option and a phone option, and how much of the population lives beyond
--          the threshold from any published point offering it in person. In-person
--          distances come from the stored coverage (scope category:<code>, great-circle),
--          so they are as fresh as the coverage store (coverage_is_fresh says).
-- Params:  $1 provinces text[] | null, $2 categories text[] | null, $3 threshold metres float8
-- Columns: province, category_code, category names, handler_levels text[], has_online, has_phone,
--          has_general_line, population_total, population_within, units_beyond, coverage_is_fresh
WITH provs AS (
  SELECT j.province FROM jurisdictions j
  WHERE j.level IN ('provincial', 'territorial') AND j.province IS NOT NULL
    AND ($1::text[] IS NULL OR j.province = ANY ($1::text[]))
),
cats AS (
  SELECT sc.code, sc.name_en, sc.name_fr, sc.sort_order FROM service_categories sc
  WHERE ($2::text[] IS NULL OR sc.code = ANY ($2::text[]))
),
channels AS (
  SELECT r.province, r.category_code,
    array_agg(DISTINCT r.level) AS handler_levels,
    bool_or(c.kind = 'online' AND c.categories @> ARRAY[r.category_code]) AS has_online,
    bool_or(c.kind = 'phone' AND c.categories @> ARRAY[r.category_code]) AS has_phone,
    bool_or(c.kind = 'phone' AND c.is_general) AS has_general_line
  FROM category_responsibilities r
  LEFT JOIN LATERAL (
    SELECT c.kind, c.categories, c.is_general FROM service_channels c JOIN jurisdictions cj ON cj.id = c.jurisdiction_id
    WHERE (c.categories @> ARRAY[r.category_code] OR c.is_general)
      AND CASE WHEN r.jurisdiction_id IS NOT NULL THEN c.jurisdiction_id = r.jurisdiction_id ELSE cj.level = r.level END
      AND (c.provinces IS NULL OR r.province = ANY (c.provinces))
  ) c ON true
  WHERE r.province IN (SELECT province FROM provs) AND r.category_code IN (SELECT code FROM cats)
  GROUP BY r.province, r.category_code
),
fresh AS (
  SELECT (s.coverage_points_generation = s.points_generation AND s.coverage_units_generation = s.units_generation) AS ok
  FROM analysis_state s
),
people AS (
  SELECT u.province, cats.code AS category_code,
    sum(u.population)::bigint AS population_total,
    coalesce(sum(u.population) FILTER (WHERE cd.distance_m <= $3), 0)::bigint AS population_within,
    count(*) FILTER (WHERE cd.distance_m IS NULL OR cd.distance_m > $3)::int AS units_beyond
  FROM population_units u
  CROSS JOIN cats
  LEFT JOIN coverage_distances cd ON cd.scope = 'category:' || cats.code AND cd.unit_id = u.id
  WHERE u.population IS NOT NULL AND u.province IN (SELECT province FROM provs)
  GROUP BY u.province, cats.code
)
SELECT p.province, cats.code AS category_code, cats.name_en AS category_name_en, cats.name_fr AS category_name_fr,
  coalesce(ch.handler_levels, '{}') AS handler_levels,
  coalesce(ch.has_online, false) AS has_online,
  coalesce(ch.has_phone, false) AS has_phone,
  coalesce(ch.has_general_line, false) AS has_general_line,
  coalesce(pe.population_total, 0) AS population_total,
  coalesce(pe.population_within, 0) AS population_within,
  coalesce(pe.units_beyond, 0) AS units_beyond,
  coalesce((SELECT ok FROM fresh), false) AS coverage_is_fresh
FROM provs p
CROSS JOIN cats
LEFT JOIN channels ch ON ch.province = p.province AND ch.category_code = cats.code
LEFT JOIN people pe ON pe.province = p.province AND pe.category_code = cats.code
ORDER BY p.province, cats.sort_order, cats.code;
