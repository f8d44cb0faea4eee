-- Purpose: the scopes the coverage store keeps rows for, given the published points:
--          'all', each order of government, each jurisdiction and each category
--          that at least one published, located point has. A scope with no
--          matching point needs no rows (an absent row reads as "no matching point").
-- Params:  $1 jurisdiction ids text[] | null, $2 levels text[] | null, $3 categories text[] | null:
--          when any is given, only the scopes they name (plus 'all') are returned.
-- Columns: scope text, kind text ('all' | 'level' | 'jurisdiction' | 'category'), value text | null
WITH pts AS (
  SELECT sp.jurisdiction_id, j.level, sp.categories
  FROM service_points sp JOIN jurisdictions j ON j.id = sp.jurisdiction_id
  WHERE sp.is_published AND sp.geog IS NOT NULL
),
everything AS (
  SELECT 'all' AS kind, NULL::text AS value WHERE EXISTS (SELECT 1 FROM pts)
  UNION SELECT 'level', level FROM pts
  UNION SELECT 'jurisdiction', jurisdiction_id FROM pts
  UNION SELECT 'category', c FROM pts, unnest(categories) AS c
)
SELECT CASE WHEN kind = 'all' THEN 'all' ELSE kind || ':' || value END AS scope, kind, value
FROM everything
WHERE ($1::text[] IS NULL AND $2::text[] IS NULL AND $3::text[] IS NULL)
   OR kind = 'all'
   OR (kind = 'jurisdiction' AND value = ANY ($1::text[]))
   OR (kind = 'level' AND value = ANY ($2::text[]))
   OR (kind = 'category' AND value = ANY ($3::text[]))
ORDER BY 1;
