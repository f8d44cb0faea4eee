-- "Report a problem": what a citizen says is wrong with a service point, kept
-- against the point and the feed version it read, for the stewards of that
-- feed's jurisdiction. Nothing identifies the sender but the e-mail they chose
-- to give (optional); no address or IP is stored (the rate limiter keeps the
-- client address in memory only, for its window).
--
-- Who sees what (row-level security, as 0050 and 0051): anyone may file a
-- report (a new one, under its feed's own jurisdiction); only a transaction
-- acting for that jurisdiction (a steward's key, or '*' for operators) may read,
-- change or delete it. A steward's inbox therefore never holds another
-- jurisdiction's reports, even if a query forgot its WHERE.
CREATE TABLE point_reports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  point_id text NOT NULL,
  point_name text NOT NULL CHECK (length(point_name) BETWEEN 1 AND 300),
  feed_id text NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
  feed_version_id bigint REFERENCES feed_versions (id) ON DELETE SET NULL,
  jurisdiction_id text NOT NULL REFERENCES jurisdictions (id),
  message text NOT NULL CHECK (length(message) BETWEEN 5 AND 2000),
  email text CHECK (email IS NULL OR length(email) BETWEEN 3 AND 254),
  lang text NOT NULL CHECK (lang IN ('en', 'fr')),
  status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'acknowledged', 'resolved')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by_key_id bigint REFERENCES api_keys (id) ON DELETE SET NULL
);
COMMENT ON TABLE point_reports IS
  'Problems citizens reported with a published service point; read and handled by the stewards of the feed''s jurisdiction.';
COMMENT ON COLUMN point_reports.feed_version_id IS 'The published version the citizen was reading when they reported.';
CREATE INDEX point_reports_feed ON point_reports (feed_id, created_at DESC);

ALTER TABLE point_reports ENABLE ROW LEVEL SECURITY;
ALTER TABLE point_reports FORCE ROW LEVEL SECURITY;
CREATE POLICY point_reports_read ON point_reports FOR SELECT USING (app_may_write(jurisdiction_id));
-- A citizen files a new report, under the jurisdiction that owns the feed (never one the request names).
CREATE POLICY point_reports_insert ON point_reports FOR INSERT
  WITH CHECK (status = 'new' AND updated_by_key_id IS NULL
    AND jurisdiction_id = (SELECT f.jurisdiction_id FROM feeds f WHERE f.id = feed_id));
CREATE POLICY point_reports_update ON point_reports FOR UPDATE
  USING (app_may_write(jurisdiction_id))
  WITH CHECK (app_may_write(jurisdiction_id) AND jurisdiction_id = (SELECT f.jurisdiction_id FROM feeds f WHERE f.id = feed_id));
CREATE POLICY point_reports_delete ON point_reports FOR DELETE USING (app_may_write(jurisdiction_id));
