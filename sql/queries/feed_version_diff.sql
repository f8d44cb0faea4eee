-- Purpose: what changed from one version of a feed to another, point by point (matched by the feed's
--          own point id): added, removed and changed points with each changed field's old and new value,
--          one page at a time, with the totals of the whole difference on every row.
--          Fields compared: the point's public fields, its coordinates and how it was located, its time
--          zone, and each key of `extra` (the file's other columns) as "extra.<column>"; null and absent
--          are the same.
-- Params:  $1 version id bigint (from), $2 version id bigint (to), $3 limit int, $4 offset int
-- Columns: added, removed, changed, unchanged (totals, on every row); then, for each point of the page
--          (all null when the page is empty): point_id (the feed's id of the point), id (public id),
--          change ('added' | 'removed' | 'changed'), name (the newer name), fields (jsonb array of
--          {field, old, new}, by field name; for added and removed points every field present)
WITH docs AS (
  SELECT sp.feed_version_id, sp.source_id, sp.id, sp.name_en,
    jsonb_strip_nulls(jsonb_build_object(
      'name_en', sp.name_en, 'name_fr', sp.name_fr, 'organization', sp.organization,
      'categories', sp.categories, 'address', sp.address, 'city', sp.city, 'province', sp.province,
      'postal_code', sp.postal_code, 'phone', sp.phone, 'email', sp.email, 'website', sp.website,
      'hours', sp.hours, 'languages', sp.languages, 'accessibility', sp.accessibility,
      'lon', sp.lon, 'lat', sp.lat, 'geocode_quality', sp.geocode_quality, 'time_zone', sp.time_zone
    ) || coalesce((SELECT jsonb_object_agg('extra.' || e.key, e.value) FROM jsonb_each(sp.extra) e), '{}'::jsonb)
    ) AS doc
  FROM service_points sp
  WHERE sp.feed_version_id IN ($1::bigint, $2::bigint)
), a AS (
  SELECT * FROM docs WHERE feed_version_id = $1::bigint
), b AS (
  SELECT * FROM docs WHERE feed_version_id = $2::bigint
), d AS (
  SELECT coalesce(b.source_id, a.source_id) AS point_id, coalesce(b.id, a.id) AS id,
    CASE WHEN a.source_id IS NULL THEN 'added' WHEN b.source_id IS NULL THEN 'removed'
         WHEN a.doc = b.doc THEN 'unchanged' ELSE 'changed' END AS change,
    coalesce(b.name_en, a.name_en) AS name, a.doc AS old_doc, b.doc AS new_doc
  FROM a FULL JOIN b ON a.source_id = b.source_id
), totals AS (
  SELECT count(*) FILTER (WHERE change = 'added')::int AS added,
    count(*) FILTER (WHERE change = 'removed')::int AS removed,
    count(*) FILTER (WHERE change = 'changed')::int AS changed,
    count(*) FILTER (WHERE change = 'unchanged')::int AS unchanged
  FROM d
), page AS (
  SELECT d.*, CASE d.change WHEN 'added' THEN 1 WHEN 'removed' THEN 2 ELSE 3 END AS change_order
  FROM d WHERE d.change <> 'unchanged'
  ORDER BY change_order, d.point_id
  LIMIT $3 OFFSET $4
)
SELECT t.added, t.removed, t.changed, t.unchanged, p.point_id, p.id, p.change, p.name,
  CASE WHEN p.point_id IS NULL THEN NULL ELSE (
    SELECT coalesce(jsonb_agg(jsonb_build_object('field', k.key, 'old', p.old_doc -> k.key, 'new', p.new_doc -> k.key)
      ORDER BY k.key), '[]'::jsonb)
    FROM (SELECT jsonb_object_keys(coalesce(p.old_doc, '{}'::jsonb)) AS key
          UNION SELECT jsonb_object_keys(coalesce(p.new_doc, '{}'::jsonb))) k
    WHERE (p.old_doc -> k.key) IS DISTINCT FROM (p.new_doc -> k.key)
  ) END AS fields
FROM totals t
LEFT JOIN page p ON true
ORDER BY p.change_order, p.point_id;
