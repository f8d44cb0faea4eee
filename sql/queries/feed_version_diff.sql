-- Purpose: what changed from one version of a feed to another, point by point (matched by the feed's
--          own point id): added, removed and changed points with each changed field's old and new value,
--          one page at a time, with the totals of the whole difference on every row.
--          Fields compared: the point's public fields, its coordinates and how it was located, its time
--          zone, and each key of `extra` (the file's other columns) as "extra.<column>"; null and absent
--          are the same. Every pair of rows is compared column by column (cheap); the field-by-field
--          documents are built only for the points of the page.
-- Params:  $1 version id bigint (from), $2 version id bigint (to), $3 limit int, $4 offset int
-- Columns: added, removed, changed, unchanged (totals, on every row); then, for each point of the page
--          (all null when the page is empty): point_id (the feed's id of the point), id (public id),
--          change ('added' | 'removed' | 'changed'), name (the newer name), fields (jsonb array of
--          {field, old, new}, by field name; for added and removed points every field present)
WITH a AS (
  SELECT * FROM service_points WHERE feed_version_id = $1::bigint
), b AS (
  SELECT * FROM service_points WHERE feed_version_id = $2::bigint
), d AS MATERIALIZED (
  SELECT coalesce(b.source_id, a.source_id) AS point_id, a.pk AS a_pk, b.pk AS b_pk,
    CASE WHEN a.pk IS NULL THEN 'added' WHEN b.pk IS NULL THEN 'removed'
      WHEN (a.name_en, a.name_fr, a.organization, a.categories, a.address, a.city, a.province, a.postal_code,
            a.phone, a.email, a.website, a.hours, a.languages, a.accessibility, a.lon, a.lat, a.geocode_quality,
            a.time_zone, a.extra)
        IS NOT DISTINCT FROM
           (b.name_en, b.name_fr, b.organization, b.categories, b.address, b.city, b.province, b.postal_code,
            b.phone, b.email, b.website, b.hours, b.languages, b.accessibility, b.lon, b.lat, b.geocode_quality,
            b.time_zone, b.extra)
      THEN 'unchanged' ELSE 'changed' END AS change
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
), side_docs AS (
  SELECT s.point_id, s.side, sp.id, sp.name_en,
    jsonb_strip_nulls(jsonb_build_object(
      'name_en', sp.name_en, 'name_fr', sp.name_fr, 'organization', sp.organization,
      'categories', sp.categories, 'address', sp.address, 'city', sp.city, 'province', sp.province,
      'postal_code', sp.postal_code, 'phone', sp.phone, 'email', sp.email, 'website', sp.website,
      'hours', sp.hours, 'languages', sp.languages, 'accessibility', sp.accessibility,
      'lon', sp.lon, 'lat', sp.lat, 'geocode_quality', sp.geocode_quality, 'time_zone', sp.time_zone
    ) || coalesce((SELECT jsonb_object_agg('extra.' || e.key, e.value) FROM jsonb_each(sp.extra) e), '{}'::jsonb)
    ) AS doc
  FROM (SELECT point_id, 'old' AS side, a_pk AS pk FROM page
        UNION ALL SELECT point_id, 'new', b_pk FROM page) s
  JOIN service_points sp ON sp.pk = s.pk
)
SELECT t.added, t.removed, t.changed, t.unchanged, p.point_id, coalesce(n.id, o.id) AS id, p.change,
  coalesce(n.name_en, o.name_en) AS name,
  CASE WHEN p.point_id IS NULL THEN NULL ELSE (
    SELECT coalesce(jsonb_agg(jsonb_build_object('field', k.key, 'old', o.doc -> k.key, 'new', n.doc -> k.key)
      ORDER BY k.key), '[]'::jsonb)
    FROM (SELECT jsonb_object_keys(coalesce(o.doc, '{}'::jsonb)) AS key
          UNION SELECT jsonb_object_keys(coalesce(n.doc, '{}'::jsonb))) k
    WHERE (o.doc -> k.key) IS DISTINCT FROM (n.doc -> k.key)
  ) END AS fields
FROM totals t
LEFT JOIN page p ON true
LEFT JOIN side_docs o ON o.point_id = p.point_id AND o.side = 'old'
LEFT JOIN side_docs n ON n.point_id = p.point_id AND n.side = 'new'
ORDER BY p.change_order, p.point_id;
