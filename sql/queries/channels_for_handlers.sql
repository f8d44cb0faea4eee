-- Purpose: the online and phone channels of the governments that handle the given
--          categories in one province: channels of the handling jurisdiction (or, for
--          municipal and Indigenous handlers, of any government of that order serving
--          the province) that list the category, plus general enquiry lines.
-- Params:  $1 province text, $2 category codes text[]
-- Columns: category_code, handler_level, handler_jurisdiction_id, then the columns of channels_list.sql
SELECT
  r.category_code, r.level AS handler_level, r.jurisdiction_id AS handler_jurisdiction_id,
  c.id, c.kind, c.jurisdiction_id, j.level, j.name_en AS jurisdiction_name_en, j.name_fr AS jurisdiction_name_fr,
  c.name_en, c.name_fr, c.categories, c.is_general, c.url_en, c.url_fr, c.phone, c.phone_fr, c.tty,
  c.hours_en, c.hours_fr, c.languages, c.provinces, c.origin, c.feed_id, f.name_en AS feed_name_en, f.name_fr AS feed_name_fr,
  c.source_url, c.source_date, c.source_note, c.updated_at,
  service_standard_json('channel', c.id) AS standard,
  service_performance_json('channel', c.id) AS performance
FROM category_responsibilities r
JOIN service_channels c ON (c.categories @> ARRAY[r.category_code] OR c.is_general)
JOIN jurisdictions j ON j.id = c.jurisdiction_id
LEFT JOIN feeds f ON f.id = c.feed_id
WHERE r.province = $1 AND r.category_code = ANY ($2::text[])
  AND CASE WHEN r.jurisdiction_id IS NOT NULL THEN c.jurisdiction_id = r.jurisdiction_id ELSE j.level = r.level END
  AND (c.provinces IS NULL OR $1 = ANY (c.provinces))
ORDER BY r.category_code, r.level, c.is_general, c.kind, c.id;
