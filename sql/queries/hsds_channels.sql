-- Purpose: the online and phone channels derived from published feeds, for the HSDS 3.0
--          export: one HSDS service per channel, offered at the published points whose
--          rows carry the channel. service_channels keeps no link to points, so the link
--          is found again the way channels_derive_from_version (migration 0042) groups
--          rows into channels: the same channel columns (channel_column_synonyms), the
--          same extra.hsds_channels members, the same channel id expressions. Keep the
--          two in step; tests/integration/api-channels-feeds.test.ts round-trips them.
-- Params:  $1 feed id text | null (null: every feed), $2 HSDS service id uuid | null
-- Columns: service_id, organization_id (uuid text), channel_id, kind, name_en, name_fr,
--          categories, url_en, url_fr, phone, phone_fr, tty, hours_en, hours_fr, languages,
--          provinces, jurisdiction_id, level, jurisdiction_name_en, jurisdiction_name_fr,
--          jurisdiction_website, feed_id, feed_name_en, licence, source_url, updated_at,
--          point_ids text[] (the points the channel serves, in id order)
WITH channels AS (
  SELECT c.*
  FROM service_channels c
  JOIN feed_versions fv ON fv.id = c.feed_version_id AND fv.status = 'published'
  WHERE c.origin = 'feed'
    AND ($1::text IS NULL OR c.feed_id = $1::text)
    AND ($2::uuid IS NULL OR md5('hsds-channel-service:' || c.id)::uuid = $2::uuid)
),
points AS (
  SELECT sp.id, sp.feed_id, sp.extra
  FROM service_points sp
  WHERE sp.is_published AND sp.extra <> '{}'::jsonb
    AND sp.feed_version_id IN (SELECT feed_version_id FROM channels)
),
-- The points' headers that name channel fields (few distinct keys: search_key runs a handful of times).
channel_columns AS (
  SELECT k.key, s.field
  FROM (SELECT DISTINCT jsonb_object_keys(p.extra) AS key FROM points p) k
  JOIN channel_column_synonyms s ON s.synonym = search_key(k.key)
),
-- One row per (point, channel description): the flat columns, then each HSDS service.
described AS (
  SELECT p.id AS point_id, p.feed_id,
    channel_url(d.v ->> 'online_url') AS online_url, channel_url(d.v ->> 'online_url_fr') AS online_url_fr,
    channel_phone(d.v ->> 'call_centre_phone') AS phone, channel_phone(d.v ->> 'call_centre_phone_fr') AS phone_fr,
    channel_phone(d.v ->> 'call_centre_tty') AS tty
  FROM points p
  CROSS JOIN LATERAL (
    SELECT jsonb_object_agg(cc.field, btrim(p.extra ->> cc.key)) AS v
    FROM channel_columns cc
    WHERE nullif(btrim(p.extra ->> cc.key), '') IS NOT NULL
    UNION ALL
    SELECT jsonb_strip_nulls(jsonb_build_object('online_url', h ->> 'url', 'call_centre_phone', h ->> 'phone', 'call_centre_tty', h ->> 'tty'))
    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(p.extra -> 'hsds_channels') = 'array' THEN p.extra -> 'hsds_channels' ELSE '[]'::jsonb END) AS h
  ) d
  WHERE d.v IS NOT NULL
),
links AS (
  SELECT d.point_id,
    'feed:' || d.feed_id || ':online:' || left(md5(coalesce(d.online_url, '') || '|' || coalesce(d.online_url_fr, '')), 12) AS channel_id
  FROM described d
  WHERE coalesce(d.online_url, d.online_url_fr) IS NOT NULL
  UNION
  SELECT d.point_id,
    'feed:' || d.feed_id || ':phone:' || left(md5(regexp_replace(coalesce(d.phone, '') || '|' || coalesce(d.phone_fr, '') || '|' || coalesce(d.tty, ''), '[^0-9|]', '', 'g')), 12)
  FROM described d
  WHERE coalesce(d.phone, d.phone_fr, d.tty) IS NOT NULL
)
SELECT
  md5('hsds-channel-service:' || c.id)::uuid::text AS service_id,
  md5('hsds-organization:' || c.jurisdiction_id)::uuid::text AS organization_id,
  c.id AS channel_id, c.kind, c.name_en, c.name_fr, c.categories, c.url_en, c.url_fr, c.phone, c.phone_fr, c.tty,
  c.hours_en, c.hours_fr, c.languages, c.provinces,
  c.jurisdiction_id, j.level, j.name_en AS jurisdiction_name_en, j.name_fr AS jurisdiction_name_fr, j.website AS jurisdiction_website,
  f.id AS feed_id, f.name_en AS feed_name_en, f.licence, f.source_url, c.updated_at,
  coalesce((SELECT array_agg(DISTINCT l.point_id ORDER BY l.point_id) FROM links l WHERE l.channel_id = c.id), '{}') AS point_ids
FROM channels c
JOIN jurisdictions j ON j.id = c.jurisdiction_id
JOIN feeds f ON f.id = c.feed_id
ORDER BY c.id;
