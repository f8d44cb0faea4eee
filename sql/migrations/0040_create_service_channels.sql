-- Channels beyond the building: a service can be offered online (a URL) and by
-- phone (a call centre: number, TTY, hours, languages) as well as in person at
-- service points. Channels, published service standards, pushed performance
-- figures and the per-province map of "which order of government handles this
-- category" are data (docs/channels.md), so stewards can correct them.

CREATE TABLE service_channels (
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9_.:-]{1,120}$'),
  jurisdiction_id text NOT NULL REFERENCES jurisdictions (id),
  kind text NOT NULL CHECK (kind IN ('online', 'phone')),
  name_en text NOT NULL CHECK (length(name_en) > 0),
  name_fr text NOT NULL CHECK (length(name_fr) > 0),
  categories text[] NOT NULL DEFAULT '{}',
  is_general boolean NOT NULL DEFAULT false,
  url_en text,
  url_fr text,
  phone text,
  phone_fr text,
  tty text,
  hours_en text,
  hours_fr text,
  languages text[] NOT NULL DEFAULT '{}',
  provinces text[],
  origin text NOT NULL CHECK (origin IN ('seed', 'feed')),
  feed_id text REFERENCES feeds (id) ON DELETE CASCADE,
  feed_version_id bigint REFERENCES feed_versions (id) ON DELETE CASCADE,
  source_url text,
  source_date date,
  source_note text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT service_channels_online_has_url CHECK (kind <> 'online' OR coalesce(url_en, url_fr) IS NOT NULL),
  CONSTRAINT service_channels_phone_has_number CHECK (kind <> 'phone' OR coalesce(phone, phone_fr, tty) IS NOT NULL),
  CONSTRAINT service_channels_feed_origin CHECK ((origin = 'feed') = (feed_version_id IS NOT NULL)),
  CONSTRAINT service_channels_seed_sourced CHECK (origin <> 'seed' OR (source_url IS NOT NULL AND source_date IS NOT NULL))
);
COMMENT ON TABLE service_channels IS
  'Online and phone channels of a jurisdiction''s services. Seeded (with source_url and source_date) or derived from the published version of a feed.';
COMMENT ON COLUMN service_channels.is_general IS 'A general enquiries line (1 800 O-Canada): offered for the jurisdiction''s categories that have no line of their own.';
COMMENT ON COLUMN service_channels.phone_fr IS 'The French line when it differs from phone (Service Canada runs separate English and French numbers).';
COMMENT ON COLUMN service_channels.provinces IS 'Provinces the channel serves; NULL means wherever its jurisdiction serves (every province for federal channels).';
COMMENT ON COLUMN service_channels.source_date IS 'The date the source states, else the date it was read.';
CREATE INDEX service_channels_categories ON service_channels USING gin (categories);
CREATE INDEX service_channels_jurisdiction ON service_channels (jurisdiction_id, kind);
CREATE INDEX service_channels_feed ON service_channels (feed_id);

-- A published promise: "80% of calls answered within 10 minutes". The target
-- is a channel id or a service point's stable public id (points keep their id
-- across versions of their feed, so a standard outlives a reload).
CREATE TABLE service_standards (
  target_kind text NOT NULL CHECK (target_kind IN ('channel', 'point')),
  target_id text NOT NULL,
  jurisdiction_id text NOT NULL REFERENCES jurisdictions (id),
  text_en text NOT NULL CHECK (length(text_en) > 0),
  text_fr text NOT NULL CHECK (length(text_fr) > 0),
  target_pct numeric CHECK (target_pct BETWEEN 0 AND 100),
  target_minutes numeric CHECK (target_minutes >= 0),
  origin text NOT NULL CHECK (origin IN ('seed', 'feed', 'steward')),
  feed_id text REFERENCES feeds (id) ON DELETE CASCADE,
  source_url text,
  source_date date,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (target_kind, target_id),
  CHECK ((origin = 'feed') = (feed_id IS NOT NULL))
);
COMMENT ON TABLE service_standards IS
  'Published service standards of channels and service points; target_pct of contacts served within target_minutes when machine-readable.';

-- Figures a jurisdiction pushes with its API key. Rows are kept (history for
-- analysts); readers take the latest of each figure and compare valid_until
-- with the clock, so an old wait time reads as stale, never as current.
CREATE TABLE service_performance (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  target_kind text NOT NULL CHECK (target_kind IN ('channel', 'point')),
  target_id text NOT NULL,
  jurisdiction_id text NOT NULL REFERENCES jurisdictions (id),
  wait_minutes numeric CHECK (wait_minutes >= 0),
  standard_met_pct numeric CHECK (standard_met_pct BETWEEN 0 AND 100),
  period_start date,
  period_end date,
  measured_at timestamptz NOT NULL,
  valid_until timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  api_key_id bigint REFERENCES api_keys (id) ON DELETE SET NULL,
  CHECK (wait_minutes IS NOT NULL OR standard_met_pct IS NOT NULL),
  CHECK (valid_until > measured_at),
  CHECK (period_end IS NULL OR period_start IS NULL OR period_end >= period_start)
);
COMMENT ON TABLE service_performance IS
  'Performance pushed by jurisdictions: wait_minutes (now) and/or standard_met_pct over [period_start, period_end]; stale after valid_until.';
CREATE INDEX service_performance_target ON service_performance (target_kind, target_id, measured_at DESC);

-- Who handles a category in each province, per order of government. Rank 1 is
-- where a person should go first. jurisdiction_id is NULL for municipal and
-- Indigenous governments: "your local government", whichever it is.
CREATE TABLE category_responsibilities (
  province text NOT NULL CHECK (province ~ '^[A-Z]{2}$'),
  category_code text NOT NULL REFERENCES service_categories (code) ON DELETE CASCADE,
  level text NOT NULL CHECK (level IN ('federal', 'provincial', 'territorial', 'municipal', 'indigenous')),
  jurisdiction_id text REFERENCES jurisdictions (id),
  rank smallint NOT NULL DEFAULT 1 CHECK (rank >= 1),
  note_en text,
  note_fr text,
  origin text NOT NULL DEFAULT 'seed' CHECK (origin IN ('seed', 'steward')),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by_key_id bigint REFERENCES api_keys (id) ON DELETE SET NULL,
  PRIMARY KEY (province, category_code, level),
  CHECK ((level IN ('federal', 'provincial', 'territorial')) = (jurisdiction_id IS NOT NULL))
);
COMMENT ON TABLE category_responsibilities IS
  'Which order of government handles each service category in each province or territory; edited by that province''s stewards.';

-- Seed: the taxonomy's usual orders of government, province by province.
-- "provincial" and "territorial" both mean the province or territory itself.
INSERT INTO category_responsibilities (province, category_code, level, jurisdiction_id, rank)
SELECT DISTINCT ON (p.province, c.code, lvl)
  p.province, c.code, lvl,
  CASE lvl WHEN 'federal' THEN 'ca' WHEN p.level THEN p.id END,
  CASE lvl WHEN 'federal' THEN 1 WHEN p.level THEN 1 ELSE 2 END
FROM jurisdictions p
CROSS JOIN service_categories c
CROSS JOIN LATERAL (
  SELECT CASE WHEN u IN ('provincial', 'territorial') THEN p.level ELSE u END AS lvl
  FROM unnest(c.usual_levels) AS u
) l
WHERE p.level IN ('provincial', 'territorial') AND p.province IS NOT NULL
ORDER BY p.province, c.code, lvl;

-- Rank: when both orders usually deliver a category, the province or territory
-- comes first for cards, licences and registries; the federal government for
-- its own benefits. Stewards change ranks with the API.
UPDATE category_responsibilities SET rank = 2
WHERE level = 'federal' AND category_code IN ('child_benefits', 'business_registration', 'employment_services', 'tax_services');
UPDATE category_responsibilities SET rank = 2
WHERE level IN ('provincial', 'territorial') AND category_code IN ('indian_status');

-- Quebec runs its own public pension plan (the Quebec Pension Plan, Retraite
-- Québec) in place of the CPP; Old Age Security stays federal.
INSERT INTO category_responsibilities (province, category_code, level, jurisdiction_id, rank, note_en, note_fr)
VALUES ('QC', 'pensions', 'provincial', 'ca-qc', 1,
  'Retirement pension: the Quebec Pension Plan (Retraite Québec) replaces the CPP in Quebec.',
  'Rente de retraite : au Québec, le Régime de rentes du Québec (Retraite Québec) remplace le RPC.')
ON CONFLICT (province, category_code, level) DO NOTHING;
UPDATE category_responsibilities SET rank = 2,
  note_en = 'Old Age Security and the Guaranteed Income Supplement remain federal in Quebec.',
  note_fr = 'La Sécurité de la vieillesse et le Supplément de revenu garanti restent fédéraux au Québec.'
WHERE province = 'QC' AND category_code = 'pensions' AND level = 'federal';
