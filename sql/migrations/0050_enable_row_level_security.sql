-- Jurisdiction isolation in the database itself, as a second line behind the
-- API's 403: a connection may change a jurisdiction's feeds, versions and
-- service points only when its transaction says it acts for that jurisdiction
-- (set_config('app.jurisdiction_id', <id>, true), done per request by the
-- server) or for every jurisdiction ('*': operators' batch loads). Everyone may
-- read. FORCE makes the rules hold for the tables' owner too; only superusers
-- (PGlite's single user among them) bypass them.

CREATE FUNCTION app_may_write(jurisdiction text) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('app.jurisdiction_id', true), '') IN ('*', jurisdiction)
     AND coalesce(current_setting('app.jurisdiction_id', true), '') <> ''
$$;
COMMENT ON FUNCTION app_may_write(text) IS 'True when the current transaction acts for this jurisdiction (or for all: *).';

ALTER TABLE feeds ENABLE ROW LEVEL SECURITY;
ALTER TABLE feeds FORCE ROW LEVEL SECURITY;
CREATE POLICY feeds_read ON feeds FOR SELECT USING (true);
CREATE POLICY feeds_insert ON feeds FOR INSERT WITH CHECK (app_may_write(jurisdiction_id));
CREATE POLICY feeds_update ON feeds FOR UPDATE USING (app_may_write(jurisdiction_id)) WITH CHECK (app_may_write(jurisdiction_id));
CREATE POLICY feeds_delete ON feeds FOR DELETE USING (app_may_write(jurisdiction_id));

ALTER TABLE feed_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE feed_versions FORCE ROW LEVEL SECURITY;
CREATE POLICY feed_versions_read ON feed_versions FOR SELECT USING (true);
CREATE POLICY feed_versions_insert ON feed_versions FOR INSERT
  WITH CHECK (app_may_write((SELECT f.jurisdiction_id FROM feeds f WHERE f.id = feed_id)));
CREATE POLICY feed_versions_update ON feed_versions FOR UPDATE
  USING (app_may_write((SELECT f.jurisdiction_id FROM feeds f WHERE f.id = feed_id)))
  WITH CHECK (app_may_write((SELECT f.jurisdiction_id FROM feeds f WHERE f.id = feed_id)));
CREATE POLICY feed_versions_delete ON feed_versions FOR DELETE
  USING (app_may_write((SELECT f.jurisdiction_id FROM feeds f WHERE f.id = feed_id)));

ALTER TABLE service_points ENABLE ROW LEVEL SECURITY;
ALTER TABLE service_points FORCE ROW LEVEL SECURITY;
CREATE POLICY service_points_read ON service_points FOR SELECT USING (true);
CREATE POLICY service_points_insert ON service_points FOR INSERT WITH CHECK (app_may_write(jurisdiction_id));
CREATE POLICY service_points_update ON service_points FOR UPDATE USING (app_may_write(jurisdiction_id)) WITH CHECK (app_may_write(jurisdiction_id));
CREATE POLICY service_points_delete ON service_points FOR DELETE USING (app_may_write(jurisdiction_id));

-- Keys are issued by operators (the keys command runs as a batch job); requests only read them.
ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY api_keys_read ON api_keys FOR SELECT USING (true);
CREATE POLICY api_keys_write ON api_keys FOR ALL
  USING (coalesce(current_setting('app.jurisdiction_id', true), '') = '*')
  WITH CHECK (coalesce(current_setting('app.jurisdiction_id', true), '') = '*');
