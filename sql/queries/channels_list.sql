-- Purpose: online and phone channels, with their published standard and latest performance.
-- Params:  $1 ids text[] | null, $2 categories text[] | null (any of), $3 jurisdiction ids text[] | null,
--          $4 kinds text[] | null ('online' | 'phone'), $5 province text | null (channels serving it),
--          $6 limit int, $7 offset int
-- Columns: the channel fields (both languages), level, jurisdiction names, standard jsonb | null,
--          performance jsonb | null (see service_performance_json), feed name when derived from a feed
SELECT
  c.id, c.kind, c.jurisdiction_id, j.level, j.name_en AS jurisdiction_name_en, j.name_fr AS jurisdiction_name_fr,
  c.name_en, c.name_fr, c.categories, c.is_general, c.url_en, c.url_fr, c.phone, c.phone_fr, c.tty,
  c.hours_en, c.hours_fr, c.languages, c.provinces, c.origin, c.feed_id, f.name_en AS feed_name_en, f.name_fr AS feed_name_fr,
  c.source_url, c.source_date, c.source_note, c.updated_at,
  service_standard_json('channel', c.id) AS standard,
  service_performance_json('channel', c.id) AS performance
FROM service_channels c
JOIN jurisdictions j ON j.id = c.jurisdiction_id
LEFT JOIN feeds f ON f.id = c.feed_id
WHERE ($1::text[] IS NULL OR c.id = ANY ($1::text[]))
  AND ($2::text[] IS NULL OR c.categories && $2::text[])
  AND ($3::text[] IS NULL OR c.jurisdiction_id = ANY ($3::text[]))
  AND ($4::text[] IS NULL OR c.kind = ANY ($4::text[]))
  AND ($5::text IS NULL OR c.provinces IS NULL OR $5::text = ANY (c.provinces))
ORDER BY c.jurisdiction_id, c.kind, c.id
LIMIT $6 OFFSET $7;
