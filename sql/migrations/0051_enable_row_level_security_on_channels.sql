-- The rules of 0050 for what jurisdictions write beside their feeds: channels,
-- service standards, pushed performance, the who-handles map and the pairs of
-- co-located points. Everyone may read. A connection may change a row only
-- when its transaction acts for the jurisdiction the row belongs to, or for
-- every jurisdiction ('*': migrations, seeds, operators' loads), as
-- app_may_write() says. FORCE makes the rules hold for the tables' owner too;
-- only superusers (PGlite's single user among them) bypass them, so in PGlite
-- the API's 403 stays the boundary.
--
-- Whose row is it:
--   service_channels          its jurisdiction_id's, and its feed's when it came from a feed;
--   service_standards,        its jurisdiction_id's and its target's (the channel's or the
--   service_performance       point's), and a standard's feed's when it came from a feed;
--   category_responsibilities the province's own government's: a province's map is its
--                             stewards', whatever order of government a row names
--                             (server/routes/responsibilities.ts);
--   point_pairs               either side's: publishing a feed refreshes every pair with
--                             one of its points, whoever published the other.

-- A target is a jurisdiction's when the channel is, or when the published
-- points with that id are (there may be several: point ids are stable across
-- versions, not unique in the table). A point that is not published yet counts when it is one of the
-- named feed's points: publish and rollback derive standards before they mark
-- the version's points published. Lookups go through indexes: the channel's
-- key, service_points_id (published points) and the feed's versions.
CREATE FUNCTION app_may_write_target(kind text, target text, via_feed text) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT CASE
    -- Batch work writes for everyone: skip the lookups (a load derives a standard per point).
    WHEN coalesce(current_setting('app.jurisdiction_id', true), '') = '*' THEN true
    WHEN kind = 'channel' THEN EXISTS (
      SELECT 1 FROM service_channels c WHERE c.id = target AND app_may_write(c.jurisdiction_id))
    WHEN kind = 'point' THEN
      NOT EXISTS (
        SELECT 1 FROM service_points sp WHERE sp.id = target AND sp.is_published AND NOT app_may_write(sp.jurisdiction_id))
      AND (
        EXISTS (SELECT 1 FROM service_points sp WHERE sp.id = target AND sp.is_published)
        OR EXISTS (
          SELECT 1 FROM feed_versions fv JOIN service_points sp ON sp.feed_version_id = fv.id AND sp.id = target
          WHERE fv.feed_id = via_feed AND app_may_write(sp.jurisdiction_id)))
    ELSE false
  END
$$;
COMMENT ON FUNCTION app_may_write_target(text, text, text) IS
  'True when the current transaction acts for the jurisdiction that owns this channel or service point (or for all: *).';

ALTER TABLE service_channels ENABLE ROW LEVEL SECURITY;
ALTER TABLE service_channels FORCE ROW LEVEL SECURITY;
CREATE POLICY service_channels_read ON service_channels FOR SELECT USING (true);
CREATE POLICY service_channels_insert ON service_channels FOR INSERT
  WITH CHECK (app_may_write(jurisdiction_id)
    AND (feed_id IS NULL OR app_may_write((SELECT f.jurisdiction_id FROM feeds f WHERE f.id = feed_id))));
CREATE POLICY service_channels_update ON service_channels FOR UPDATE
  USING (app_may_write(jurisdiction_id)
    AND (feed_id IS NULL OR app_may_write((SELECT f.jurisdiction_id FROM feeds f WHERE f.id = feed_id))))
  WITH CHECK (app_may_write(jurisdiction_id)
    AND (feed_id IS NULL OR app_may_write((SELECT f.jurisdiction_id FROM feeds f WHERE f.id = feed_id))));
CREATE POLICY service_channels_delete ON service_channels FOR DELETE
  USING (app_may_write(jurisdiction_id)
    AND (feed_id IS NULL OR app_may_write((SELECT f.jurisdiction_id FROM feeds f WHERE f.id = feed_id))));

ALTER TABLE service_standards ENABLE ROW LEVEL SECURITY;
ALTER TABLE service_standards FORCE ROW LEVEL SECURITY;
CREATE POLICY service_standards_read ON service_standards FOR SELECT USING (true);
CREATE POLICY service_standards_insert ON service_standards FOR INSERT
  WITH CHECK (app_may_write(jurisdiction_id) AND app_may_write_target(target_kind, target_id, feed_id)
    AND (feed_id IS NULL OR app_may_write((SELECT f.jurisdiction_id FROM feeds f WHERE f.id = feed_id))));
CREATE POLICY service_standards_update ON service_standards FOR UPDATE
  USING (app_may_write(jurisdiction_id) AND app_may_write_target(target_kind, target_id, feed_id)
    AND (feed_id IS NULL OR app_may_write((SELECT f.jurisdiction_id FROM feeds f WHERE f.id = feed_id))))
  WITH CHECK (app_may_write(jurisdiction_id) AND app_may_write_target(target_kind, target_id, feed_id)
    AND (feed_id IS NULL OR app_may_write((SELECT f.jurisdiction_id FROM feeds f WHERE f.id = feed_id))));
CREATE POLICY service_standards_delete ON service_standards FOR DELETE
  USING (app_may_write(jurisdiction_id) AND app_may_write_target(target_kind, target_id, feed_id)
    AND (feed_id IS NULL OR app_may_write((SELECT f.jurisdiction_id FROM feeds f WHERE f.id = feed_id))));

ALTER TABLE service_performance ENABLE ROW LEVEL SECURITY;
ALTER TABLE service_performance FORCE ROW LEVEL SECURITY;
CREATE POLICY service_performance_read ON service_performance FOR SELECT USING (true);
CREATE POLICY service_performance_insert ON service_performance FOR INSERT
  WITH CHECK (app_may_write(jurisdiction_id) AND app_may_write_target(target_kind, target_id, NULL));
CREATE POLICY service_performance_update ON service_performance FOR UPDATE
  USING (app_may_write(jurisdiction_id) AND app_may_write_target(target_kind, target_id, NULL))
  WITH CHECK (app_may_write(jurisdiction_id) AND app_may_write_target(target_kind, target_id, NULL));
CREATE POLICY service_performance_delete ON service_performance FOR DELETE
  USING (app_may_write(jurisdiction_id) AND app_may_write_target(target_kind, target_id, NULL));

-- 'ca-' || lower(province) is the province's or territory's id (0003), as the API computes it.
ALTER TABLE category_responsibilities ENABLE ROW LEVEL SECURITY;
ALTER TABLE category_responsibilities FORCE ROW LEVEL SECURITY;
CREATE POLICY category_responsibilities_read ON category_responsibilities FOR SELECT USING (true);
CREATE POLICY category_responsibilities_insert ON category_responsibilities FOR INSERT
  WITH CHECK (app_may_write('ca-' || lower(province)));
CREATE POLICY category_responsibilities_update ON category_responsibilities FOR UPDATE
  USING (app_may_write('ca-' || lower(province))) WITH CHECK (app_may_write('ca-' || lower(province)));
CREATE POLICY category_responsibilities_delete ON category_responsibilities FOR DELETE
  USING (app_may_write('ca-' || lower(province)));

-- A side counts when both its jurisdiction and its feed's are the writer's, so
-- a pair cannot name a feed under another jurisdiction's id.
ALTER TABLE point_pairs ENABLE ROW LEVEL SECURITY;
ALTER TABLE point_pairs FORCE ROW LEVEL SECURITY;
CREATE POLICY point_pairs_read ON point_pairs FOR SELECT USING (true);
CREATE POLICY point_pairs_insert ON point_pairs FOR INSERT
  WITH CHECK (
    (app_may_write(a_jurisdiction_id) AND app_may_write((SELECT f.jurisdiction_id FROM feeds f WHERE f.id = a_feed_id)))
    OR (app_may_write(b_jurisdiction_id) AND app_may_write((SELECT f.jurisdiction_id FROM feeds f WHERE f.id = b_feed_id))));
CREATE POLICY point_pairs_update ON point_pairs FOR UPDATE
  USING (
    (app_may_write(a_jurisdiction_id) AND app_may_write((SELECT f.jurisdiction_id FROM feeds f WHERE f.id = a_feed_id)))
    OR (app_may_write(b_jurisdiction_id) AND app_may_write((SELECT f.jurisdiction_id FROM feeds f WHERE f.id = b_feed_id))))
  WITH CHECK (
    (app_may_write(a_jurisdiction_id) AND app_may_write((SELECT f.jurisdiction_id FROM feeds f WHERE f.id = a_feed_id)))
    OR (app_may_write(b_jurisdiction_id) AND app_may_write((SELECT f.jurisdiction_id FROM feeds f WHERE f.id = b_feed_id))));
CREATE POLICY point_pairs_delete ON point_pairs FOR DELETE
  USING (
    (app_may_write(a_jurisdiction_id) AND app_may_write((SELECT f.jurisdiction_id FROM feeds f WHERE f.id = a_feed_id)))
    OR (app_may_write(b_jurisdiction_id) AND app_may_write((SELECT f.jurisdiction_id FROM feeds f WHERE f.id = b_feed_id))));
