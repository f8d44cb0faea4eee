-- Scheduled pulls: a steward asks that a feed be fetched from its source URL
-- every so often, and sees each pull and its outcome.
--
-- feed_pull_schedules is also the job table. An instance claims a due row with
-- SELECT ... FOR UPDATE SKIP LOCKED (server/pulls/claim-pull.ts), moves its
-- next run forward and holds a lease (claimed_until) while it pulls: several
-- API instances can run side by side and no feed is ever pulled twice at once.
-- A lease that runs out (an instance that died mid-pull) frees the row again.
-- The ETag, Last-Modified and checksum of the last pull that was read in full
-- make the next pull a conditional request.
--
-- Who may do what (row-level security, as 0050 and 0080): anyone may read a
-- schedule (so an instance acting for nobody can find the due ones); only a
-- transaction acting for the feed's jurisdiction (a steward's key, or a pull
-- the scheduler runs for that jurisdiction) may set, claim or change it. The
-- pull history is that jurisdiction's alone, like its staged versions.
CREATE TABLE feed_pull_schedules (
  feed_id text PRIMARY KEY REFERENCES feeds (id) ON DELETE CASCADE,
  jurisdiction_id text NOT NULL REFERENCES jurisdictions (id),
  interval_minutes integer NOT NULL CHECK (interval_minutes BETWEEN 15 AND 44640),
  is_enabled boolean NOT NULL DEFAULT true,
  publish boolean NOT NULL DEFAULT false,
  next_run_at timestamptz NOT NULL DEFAULT now(),
  claimed_by text CHECK (claimed_by IS NULL OR length(claimed_by) <= 200),
  claimed_until timestamptz,
  etag text CHECK (etag IS NULL OR length(etag) <= 1000),
  last_modified text CHECK (last_modified IS NULL OR length(last_modified) <= 200),
  checksum text,
  validated_url text CHECK (validated_url IS NULL OR length(validated_url) <= 2000),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by_key_id bigint REFERENCES api_keys (id) ON DELETE SET NULL
);
COMMENT ON TABLE feed_pull_schedules IS
  'How often each feed is fetched from its source URL; also the job table the pull workers claim (FOR UPDATE SKIP LOCKED).';
COMMENT ON COLUMN feed_pull_schedules.claimed_until IS 'The lease of the instance pulling this feed now; null or past: free.';
COMMENT ON COLUMN feed_pull_schedules.validated_url IS 'The source URL the kept ETag and Last-Modified came from: a new URL gets an unconditional first request.';
COMMENT ON COLUMN feed_pull_schedules.checksum IS 'Checksum of the bytes (and mapping) last read in full: the same file again makes no version.';
CREATE INDEX feed_pull_schedules_due ON feed_pull_schedules (next_run_at) WHERE is_enabled;

ALTER TABLE feed_pull_schedules ENABLE ROW LEVEL SECURITY;
ALTER TABLE feed_pull_schedules FORCE ROW LEVEL SECURITY;
CREATE POLICY feed_pull_schedules_read ON feed_pull_schedules FOR SELECT USING (true);
CREATE POLICY feed_pull_schedules_insert ON feed_pull_schedules FOR INSERT
  WITH CHECK (app_may_write(jurisdiction_id) AND jurisdiction_id = (SELECT f.jurisdiction_id FROM feeds f WHERE f.id = feed_id));
CREATE POLICY feed_pull_schedules_update ON feed_pull_schedules FOR UPDATE
  USING (app_may_write(jurisdiction_id))
  WITH CHECK (app_may_write(jurisdiction_id) AND jurisdiction_id = (SELECT f.jurisdiction_id FROM feeds f WHERE f.id = feed_id));
CREATE POLICY feed_pull_schedules_delete ON feed_pull_schedules FOR DELETE USING (app_may_write(jurisdiction_id));

CREATE TABLE feed_pulls (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  feed_id text NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
  jurisdiction_id text NOT NULL REFERENCES jurisdictions (id),
  trigger text NOT NULL CHECK (trigger IN ('schedule', 'manual')),
  source_url text CHECK (source_url IS NULL OR length(source_url) <= 2000),
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  outcome text NOT NULL DEFAULT 'running' CHECK (outcome IN ('running', 'unchanged', 'staged', 'published', 'failed')),
  http_status integer CHECK (http_status IS NULL OR http_status BETWEEN 100 AND 599),
  bytes bigint CHECK (bytes IS NULL OR bytes >= 0),
  version_id bigint REFERENCES feed_versions (id) ON DELETE SET NULL,
  error_code text CHECK (error_code IS NULL OR error_code ~ '^[a-z_]{1,60}$'),
  message_en text CHECK (message_en IS NULL OR length(message_en) <= 1000),
  message_fr text CHECK (message_fr IS NULL OR length(message_fr) <= 1000),
  CHECK ((outcome = 'failed') = (error_code IS NOT NULL))
);
COMMENT ON TABLE feed_pulls IS
  'Each fetch of a feed from its source URL: when, what came back (HTTP status, bytes) and what it made (no version, a staged or published one, or a failure with its code).';
CREATE INDEX feed_pulls_feed ON feed_pulls (feed_id, id DESC);

ALTER TABLE feed_pulls ENABLE ROW LEVEL SECURITY;
ALTER TABLE feed_pulls FORCE ROW LEVEL SECURITY;
CREATE POLICY feed_pulls_read ON feed_pulls FOR SELECT USING (app_may_write(jurisdiction_id));
CREATE POLICY feed_pulls_insert ON feed_pulls FOR INSERT
  WITH CHECK (app_may_write(jurisdiction_id) AND jurisdiction_id = (SELECT f.jurisdiction_id FROM feeds f WHERE f.id = feed_id));
CREATE POLICY feed_pulls_update ON feed_pulls FOR UPDATE
  USING (app_may_write(jurisdiction_id)) WITH CHECK (app_may_write(jurisdiction_id));
CREATE POLICY feed_pulls_delete ON feed_pulls FOR DELETE USING (app_may_write(jurisdiction_id));
