-- Feeds carry online and phone channels beside their locations: optional CSV
-- columns / GeoJSON properties (online_url, call_centre_phone, ...: see
-- docs/channels.md) that the loaders keep in service_points.extra under the
-- header the file used, and HSDS service url and phones that the HSDS reader
-- keeps in extra.hsds_channels. When a version becomes the published one, its
-- channels (and the standards its rows state) are derived here; when it stops
-- being published they go. A trigger does it so that publish, rollback and
-- every loader (CLI, API upload, source adapters) agree without each having to
-- remember.

-- Header spellings of the channel columns, as search_key() writes them
-- (lower case, no accents, punctuation as single spaces).
CREATE TABLE channel_column_synonyms (
  synonym text PRIMARY KEY,
  field text NOT NULL CHECK (field IN (
    'online_url', 'online_url_fr', 'channel_name', 'channel_name_fr',
    'call_centre_phone', 'call_centre_phone_fr', 'call_centre_tty', 'call_centre_hours', 'call_centre_hours_fr',
    'call_centre_languages', 'call_centre_standard_en', 'call_centre_standard_fr',
    'service_standard_en', 'service_standard_fr'))
);
COMMENT ON TABLE channel_column_synonyms IS 'Feed column names (normalised by search_key) that carry online and phone channels and service standards.';

INSERT INTO channel_column_synonyms (synonym, field) VALUES
  ('online url', 'online_url'), ('online url en', 'online_url'), ('online service url', 'online_url'), ('apply online', 'online_url'),
  ('online service', 'online_url'), ('url en ligne', 'online_url'), ('service en ligne', 'online_url'), ('lien service en ligne', 'online_url'),
  ('online url fr', 'online_url_fr'), ('url en ligne fr', 'online_url_fr'), ('service en ligne fr', 'online_url_fr'),
  ('channel name', 'channel_name'), ('channel name en', 'channel_name'), ('nom du canal', 'channel_name'),
  ('channel name fr', 'channel_name_fr'), ('nom du canal fr', 'channel_name_fr'),
  ('call centre phone', 'call_centre_phone'), ('call center phone', 'call_centre_phone'), ('call centre', 'call_centre_phone'),
  ('call center', 'call_centre_phone'), ('toll free', 'call_centre_phone'), ('toll free phone', 'call_centre_phone'),
  ('centre d appels', 'call_centre_phone'), ('telephone centre d appels', 'call_centre_phone'), ('telephone du centre d appels', 'call_centre_phone'),
  ('sans frais', 'call_centre_phone'), ('numero sans frais', 'call_centre_phone'),
  ('call centre phone fr', 'call_centre_phone_fr'), ('call center phone fr', 'call_centre_phone_fr'), ('telephone centre d appels fr', 'call_centre_phone_fr'),
  ('call centre tty', 'call_centre_tty'), ('call center tty', 'call_centre_tty'), ('tty', 'call_centre_tty'), ('ats', 'call_centre_tty'),
  ('teletypewriter', 'call_centre_tty'), ('teleimprimeur', 'call_centre_tty'),
  ('call centre hours', 'call_centre_hours'), ('call center hours', 'call_centre_hours'), ('phone hours', 'call_centre_hours'),
  ('heures du centre d appels', 'call_centre_hours'), ('heures centre d appels', 'call_centre_hours'),
  ('call centre hours fr', 'call_centre_hours_fr'), ('call center hours fr', 'call_centre_hours_fr'), ('heures du centre d appels fr', 'call_centre_hours_fr'),
  ('call centre languages', 'call_centre_languages'), ('call center languages', 'call_centre_languages'), ('phone languages', 'call_centre_languages'),
  ('langues du centre d appels', 'call_centre_languages'),
  ('call centre standard en', 'call_centre_standard_en'), ('call centre standard', 'call_centre_standard_en'), ('call center standard', 'call_centre_standard_en'),
  ('norme centre d appels', 'call_centre_standard_fr'), ('call centre standard fr', 'call_centre_standard_fr'), ('norme de service du centre d appels', 'call_centre_standard_fr'),
  ('service standard en', 'service_standard_en'), ('service standard', 'service_standard_en'),
  ('service standard fr', 'service_standard_fr'), ('norme de service', 'service_standard_fr');

-- "English; French", "bilingual", "en/fr", "ENG" -> {en, fr}.
CREATE FUNCTION channel_languages(text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT l ORDER BY l), '{}')
  FROM regexp_split_to_table(search_key(coalesce($1, '')), '\s+') AS w
  CROSS JOIN LATERAL unnest(CASE
    WHEN w IN ('bilingual', 'bilingue') THEN ARRAY['en', 'fr']
    WHEN w IN ('english', 'anglais', 'eng', 'en') THEN ARRAY['en']
    WHEN w IN ('french', 'francais', 'fra', 'fre', 'fr') THEN ARRAY['fr']
    WHEN w IN ('and', 'et', '') THEN ARRAY[]::text[]
    WHEN w ~ '^[a-z]{2,3}$' THEN ARRAY[w]
    ELSE ARRAY[]::text[] END) AS l
$$;

-- A URL a citizen may be sent to: http(s) only; "www.x.ca" gains https://.
CREATE FUNCTION channel_url(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN btrim($1) ~* '^https?://[^\s/]+\.[^\s]+$' THEN btrim($1)
    WHEN btrim($1) ~* '^www\.[^\s]+\.[^\s]+$' THEN 'https://' || btrim($1)
  END
$$;

-- A phone cell as people read it: at most 40 characters, at least 7 digits.
CREATE FUNCTION channel_phone(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN length(regexp_replace(coalesce($1, ''), '\D', '', 'g')) BETWEEN 7 AND 15 AND length(btrim($1)) <= 40
    THEN btrim($1) END
$$;

-- Concatenation of arrays as an aggregate (array_agg of arrays needs equal lengths).
CREATE AGGREGATE array_agg_cats(anycompatiblearray) (SFUNC = array_cat, STYPE = anycompatiblearray, INITCOND = '{}');

CREATE FUNCTION channels_derive_from_version(version_id bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  keys text[];
  fields text[];
  has_hsds boolean;
BEGIN
  -- The file's headers that name channel fields (few distinct keys, so search_key runs a handful of times).
  SELECT array_agg(k.key), array_agg(s.field) INTO keys, fields
  FROM (SELECT DISTINCT jsonb_object_keys(sp.extra) AS key FROM service_points sp
        WHERE sp.feed_version_id = version_id AND sp.extra <> '{}'::jsonb) k
  JOIN channel_column_synonyms s ON s.synonym = search_key(k.key);
  SELECT EXISTS (SELECT 1 FROM service_points sp WHERE sp.feed_version_id = version_id AND sp.extra ? 'hsds_channels') INTO has_hsds;
  IF keys IS NULL AND NOT has_hsds THEN
    RETURN;
  END IF;

  CREATE TEMP TABLE IF NOT EXISTS derived_channel_rows (
    point_id text, feed_id text, jurisdiction_id text, level text, province text, categories text[], point_languages text[],
    feed_name_en text, feed_name_fr text, organization text,
    online_url text, online_url_fr text, channel_name text, channel_name_fr text,
    phone text, phone_fr text, tty text, hours_en text, hours_fr text, phone_languages text[],
    call_centre_standard_en text, call_centre_standard_fr text, service_standard_en text, service_standard_fr text
  ) ON COMMIT DROP;
  DELETE FROM derived_channel_rows;

  -- One row per (point, channel description): the flat columns, then each HSDS service.
  INSERT INTO derived_channel_rows
  SELECT sp.id, sp.feed_id, sp.jurisdiction_id, j.level, sp.province, sp.categories, sp.languages,
    f.name_en, f.name_fr, sp.organization,
    channel_url(c.v ->> 'online_url'), channel_url(c.v ->> 'online_url_fr'), c.v ->> 'channel_name', c.v ->> 'channel_name_fr',
    channel_phone(c.v ->> 'call_centre_phone'), channel_phone(c.v ->> 'call_centre_phone_fr'), channel_phone(c.v ->> 'call_centre_tty'),
    left(c.v ->> 'call_centre_hours', 500), left(c.v ->> 'call_centre_hours_fr', 500), channel_languages(c.v ->> 'call_centre_languages'),
    left(c.v ->> 'call_centre_standard_en', 500), left(c.v ->> 'call_centre_standard_fr', 500),
    left(c.v ->> 'service_standard_en', 500), left(c.v ->> 'service_standard_fr', 500)
  FROM service_points sp
  JOIN jurisdictions j ON j.id = sp.jurisdiction_id
  JOIN feeds f ON f.id = sp.feed_id
  CROSS JOIN LATERAL (
    SELECT jsonb_object_agg(u.field, btrim(sp.extra ->> u.key)) AS v
    FROM unnest(keys, fields) AS u(key, field)
    WHERE keys IS NOT NULL AND nullif(btrim(sp.extra ->> u.key), '') IS NOT NULL
    UNION ALL
    SELECT jsonb_strip_nulls(jsonb_build_object(
      'online_url', h ->> 'url', 'channel_name', h ->> 'name', 'call_centre_phone', h ->> 'phone',
      'call_centre_tty', h ->> 'tty', 'call_centre_languages', h ->> 'languages', 'call_centre_hours', h ->> 'hours'))
    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(sp.extra -> 'hsds_channels') = 'array' THEN sp.extra -> 'hsds_channels' ELSE '[]'::jsonb END) AS h
  ) c
  WHERE sp.feed_version_id = version_id AND c.v IS NOT NULL;

  INSERT INTO service_channels (id, jurisdiction_id, kind, name_en, name_fr, categories, url_en, url_fr, languages, provinces,
    origin, feed_id, feed_version_id)
  SELECT 'feed:' || d.feed_id || ':online:' || left(md5(coalesce(d.online_url, '') || '|' || coalesce(d.online_url_fr, '')), 12),
    min(d.jurisdiction_id), 'online',
    min(coalesce(d.channel_name, d.organization, d.feed_name_en)), min(coalesce(d.channel_name_fr, d.channel_name, d.organization, d.feed_name_fr)),
    coalesce((SELECT array_agg(DISTINCT c ORDER BY c) FROM unnest(array_agg_cats(d.categories)) c), '{}'),
    min(coalesce(d.online_url, d.online_url_fr)), min(d.online_url_fr),
    coalesce((SELECT array_agg(DISTINCT l ORDER BY l) FROM unnest(array_agg_cats(d.point_languages)) l), '{}'),
    CASE WHEN min(d.level) = 'federal' THEN NULL ELSE array_agg(DISTINCT d.province ORDER BY d.province) FILTER (WHERE d.province IS NOT NULL) END,
    'feed', min(d.feed_id), version_id
  FROM derived_channel_rows d
  WHERE coalesce(d.online_url, d.online_url_fr) IS NOT NULL
  GROUP BY d.feed_id, d.online_url, d.online_url_fr
  ON CONFLICT (id) DO UPDATE SET categories = EXCLUDED.categories, feed_version_id = EXCLUDED.feed_version_id, updated_at = now();

  INSERT INTO service_channels (id, jurisdiction_id, kind, name_en, name_fr, categories, phone, phone_fr, tty, hours_en, hours_fr,
    languages, provinces, origin, feed_id, feed_version_id)
  SELECT 'feed:' || d.feed_id || ':phone:' || left(md5(regexp_replace(coalesce(d.phone, '') || '|' || coalesce(d.phone_fr, '') || '|' || coalesce(d.tty, ''), '[^0-9|]', '', 'g')), 12),
    min(d.jurisdiction_id), 'phone',
    min(coalesce(d.channel_name, d.organization, d.feed_name_en)), min(coalesce(d.channel_name_fr, d.channel_name, d.organization, d.feed_name_fr)),
    coalesce((SELECT array_agg(DISTINCT c ORDER BY c) FROM unnest(array_agg_cats(d.categories)) c), '{}'),
    min(d.phone), min(d.phone_fr), min(d.tty), min(d.hours_en), min(coalesce(d.hours_fr, d.hours_en)),
    coalesce((SELECT array_agg(DISTINCT l ORDER BY l) FROM unnest(array_agg_cats(d.phone_languages)) l), '{}'),
    CASE WHEN min(d.level) = 'federal' THEN NULL ELSE array_agg(DISTINCT d.province ORDER BY d.province) FILTER (WHERE d.province IS NOT NULL) END,
    'feed', min(d.feed_id), version_id
  FROM derived_channel_rows d
  WHERE coalesce(d.phone, d.phone_fr, d.tty) IS NOT NULL
  GROUP BY d.feed_id, regexp_replace(coalesce(d.phone, '') || '|' || coalesce(d.phone_fr, '') || '|' || coalesce(d.tty, ''), '[^0-9|]', '', 'g')
  ON CONFLICT (id) DO UPDATE SET categories = EXCLUDED.categories, feed_version_id = EXCLUDED.feed_version_id, updated_at = now();

  -- Standards the rows state: a point's own, and its call centre's. A steward's
  -- standard set through the API is never overwritten by a feed.
  INSERT INTO service_standards (target_kind, target_id, jurisdiction_id, text_en, text_fr, origin, feed_id)
  SELECT DISTINCT ON (d.point_id) 'point', d.point_id, d.jurisdiction_id,
    coalesce(d.service_standard_en, d.service_standard_fr), coalesce(d.service_standard_fr, d.service_standard_en), 'feed', d.feed_id
  FROM derived_channel_rows d
  WHERE coalesce(d.service_standard_en, d.service_standard_fr) IS NOT NULL
  ORDER BY d.point_id
  ON CONFLICT (target_kind, target_id) DO UPDATE SET text_en = EXCLUDED.text_en, text_fr = EXCLUDED.text_fr,
    feed_id = EXCLUDED.feed_id, updated_at = now()
  WHERE service_standards.origin = 'feed';

  INSERT INTO service_standards (target_kind, target_id, jurisdiction_id, text_en, text_fr, origin, feed_id)
  SELECT DISTINCT ON (1, 2) 'channel',
    'feed:' || d.feed_id || ':phone:' || left(md5(regexp_replace(coalesce(d.phone, '') || '|' || coalesce(d.phone_fr, '') || '|' || coalesce(d.tty, ''), '[^0-9|]', '', 'g')), 12),
    d.jurisdiction_id,
    coalesce(d.call_centre_standard_en, d.call_centre_standard_fr), coalesce(d.call_centre_standard_fr, d.call_centre_standard_en), 'feed', d.feed_id
  FROM derived_channel_rows d
  WHERE coalesce(d.phone, d.phone_fr, d.tty) IS NOT NULL AND coalesce(d.call_centre_standard_en, d.call_centre_standard_fr) IS NOT NULL
  ORDER BY 1, 2
  ON CONFLICT (target_kind, target_id) DO UPDATE SET text_en = EXCLUDED.text_en, text_fr = EXCLUDED.text_fr,
    feed_id = EXCLUDED.feed_id, updated_at = now()
  WHERE service_standards.origin = 'feed';

  DELETE FROM derived_channel_rows;
END $$;
COMMENT ON FUNCTION channels_derive_from_version(bigint) IS
  'Creates the online and phone channels (and feed-stated standards) carried by the rows of one feed version.';

CREATE FUNCTION channels_follow_publication() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'published' THEN
    DELETE FROM service_channels WHERE feed_id = OLD.feed_id AND origin = 'feed';
    DELETE FROM service_standards WHERE feed_id = OLD.feed_id AND origin = 'feed';
  END IF;
  IF NEW.status = 'published' THEN
    DELETE FROM service_channels WHERE feed_id = NEW.feed_id AND origin = 'feed';
    DELETE FROM service_standards WHERE feed_id = NEW.feed_id AND origin = 'feed';
    PERFORM channels_derive_from_version(NEW.id);
  END IF;
  RETURN NULL;
END $$;
COMMENT ON FUNCTION channels_follow_publication() IS
  'Keeps feed-derived channels and standards equal to what the feed''s published version carries (publish, supersede, roll back).';

CREATE TRIGGER feed_versions_channels AFTER UPDATE OF status ON feed_versions
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status AND (OLD.status = 'published' OR NEW.status = 'published'))
  EXECUTE FUNCTION channels_follow_publication();
