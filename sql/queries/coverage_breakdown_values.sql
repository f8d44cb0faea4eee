-- Purpose: the jurisdictions, orders of government or service categories that have
--          published points, with their names and point counts (the rows of the
--          coverage breakdown).
-- Params:  $1 by text ('jurisdiction' | 'level' | 'category')
-- Columns: value text, name_en text, name_fr text, points int (located), points_approximate int
--          (located at a postal area's or community's centre)
WITH pt AS (
  SELECT sp.jurisdiction_id, j.level, sp.categories, sp.geocode_quality IN ('postal_code', 'community') AS approximate
  FROM service_points sp JOIN jurisdictions j ON j.id = sp.jurisdiction_id
  WHERE sp.is_published AND sp.geog IS NOT NULL
),
v AS (
  SELECT pt.jurisdiction_id AS value, pt.approximate FROM pt WHERE $1::text = 'jurisdiction'
  UNION ALL
  SELECT pt.level, pt.approximate FROM pt WHERE $1::text = 'level'
  UNION ALL
  SELECT c, pt.approximate FROM pt CROSS JOIN LATERAL unnest(pt.categories) AS c WHERE $1::text = 'category'
)
SELECT v.value,
  coalesce(min(j.name_en), min(c.name_en), v.value) AS name_en,
  coalesce(min(j.name_fr), min(c.name_fr), v.value) AS name_fr,
  count(*)::int AS points,
  count(*) FILTER (WHERE v.approximate)::int AS points_approximate
FROM v
LEFT JOIN jurisdictions j ON $1::text = 'jurisdiction' AND j.id = v.value
LEFT JOIN service_categories c ON $1::text = 'category' AND c.code = v.value
GROUP BY v.value
ORDER BY v.value;
