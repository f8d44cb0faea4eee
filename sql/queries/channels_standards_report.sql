-- Purpose: analysts' report of published service standards against pushed performance:
--          every channel or point that has a standard or performance figures, with the
--          latest figures and whether they are stale.
-- Params:  $1 jurisdiction ids text[] | null, $2 target kinds text[] | null ('channel' | 'point')
-- Columns: target_kind, target_id, jurisdiction_id, name_en, name_fr, channel_kind (phone|online|in_person),
--          standard jsonb | null, performance jsonb | null
WITH targets AS (
  SELECT target_kind, target_id, jurisdiction_id FROM service_standards
  UNION
  SELECT DISTINCT target_kind, target_id, jurisdiction_id FROM service_performance
)
SELECT t.target_kind, t.target_id, t.jurisdiction_id,
  coalesce(c.name_en, sp.name_en, t.target_id) AS name_en,
  coalesce(c.name_fr, sp.name_fr, c.name_en, sp.name_en, t.target_id) AS name_fr,
  CASE WHEN t.target_kind = 'point' THEN 'in_person' ELSE c.kind END AS channel_kind,
  service_standard_json(t.target_kind, t.target_id) AS standard,
  service_performance_json(t.target_kind, t.target_id) AS performance
FROM targets t
LEFT JOIN service_channels c ON t.target_kind = 'channel' AND c.id = t.target_id
LEFT JOIN LATERAL (
  SELECT s.name_en, s.name_fr FROM service_points s WHERE t.target_kind = 'point' AND s.id = t.target_id AND s.is_published LIMIT 1
) sp ON true
WHERE ($1::text[] IS NULL OR t.jurisdiction_id = ANY ($1::text[]))
  AND ($2::text[] IS NULL OR t.target_kind = ANY ($2::text[]))
ORDER BY t.jurisdiction_id, t.target_kind, name_en;
