-- Migration 0090 told every API instance to reload its nearest index after
-- any change to service points, feeds or feed versions, including an upload
-- that was only staged or that failed, and the feed row every upload refreshes.
-- A reload rebuilds the whole index on the server's thread (seconds at
-- 100,000 points on a busy machine), so every steward's upload, however
-- refused, briefly held citizens' answers back. Citizens' answers change only
-- when published points, a published version, or a feed's fields do: the
-- notification is now sent for those changes only (statement-level triggers
-- reading the rows the statement changed). Jurisdictions, truncation and
-- deleted feeds still always notify.

DROP TRIGGER service_points_changed ON service_points;
DROP TRIGGER service_points_changed ON feeds;
DROP TRIGGER service_points_changed ON feed_versions;

-- service_points: only rows published before or after the statement.
CREATE FUNCTION notify_published_points_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  changed boolean;
BEGIN
  -- One branch per event: a statement names only the transition tables its trigger has.
  IF TG_OP = 'INSERT' THEN
    changed := EXISTS (SELECT 1 FROM new_rows WHERE is_published);
  ELSIF TG_OP = 'DELETE' THEN
    changed := EXISTS (SELECT 1 FROM old_rows WHERE is_published);
  ELSE
    changed := EXISTS (SELECT 1 FROM new_rows WHERE is_published) OR EXISTS (SELECT 1 FROM old_rows WHERE is_published);
  END IF;
  IF changed THEN
    PERFORM pg_notify('service_points_changed', TG_TABLE_NAME);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER published_points_inserted AFTER INSERT ON service_points
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_published_points_changed();
CREATE TRIGGER published_points_updated AFTER UPDATE ON service_points
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION notify_published_points_changed();
CREATE TRIGGER published_points_deleted AFTER DELETE ON service_points
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_published_points_changed();
CREATE TRIGGER service_points_truncated AFTER TRUNCATE ON service_points
  FOR EACH STATEMENT EXECUTE FUNCTION notify_service_points_changed();

-- feed_versions: only a version that is, or was, the published one (publish, supersede, roll back).
CREATE FUNCTION notify_published_versions_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  changed boolean;
BEGIN
  -- One branch per event: a statement names only the transition tables its trigger has.
  IF TG_OP = 'INSERT' THEN
    changed := EXISTS (SELECT 1 FROM new_rows WHERE status = 'published');
  ELSIF TG_OP = 'DELETE' THEN
    changed := EXISTS (SELECT 1 FROM old_rows WHERE status = 'published');
  ELSE
    changed := EXISTS (SELECT 1 FROM new_rows WHERE status = 'published') OR EXISTS (SELECT 1 FROM old_rows WHERE status = 'published');
  END IF;
  IF changed THEN
    PERFORM pg_notify('service_points_changed', TG_TABLE_NAME);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER published_versions_inserted AFTER INSERT ON feed_versions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_published_versions_changed();
CREATE TRIGGER published_versions_updated AFTER UPDATE ON feed_versions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION notify_published_versions_changed();
CREATE TRIGGER published_versions_deleted AFTER DELETE ON feed_versions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_published_versions_changed();
CREATE TRIGGER feed_versions_truncated AFTER TRUNCATE ON feed_versions
  FOR EACH STATEMENT EXECUTE FUNCTION notify_service_points_changed();

-- feeds: a new feed has no published points yet; an update notifies only when a field changed
-- (names and attribution are in the answers), not for the refresh each upload makes with the same values.
CREATE FUNCTION notify_feeds_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM new_rows n LEFT JOIN old_rows o ON o.id = n.id
    WHERE o.id IS NULL OR n::text IS DISTINCT FROM o::text
  ) THEN
    PERFORM pg_notify('service_points_changed', TG_TABLE_NAME);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER feeds_updated AFTER UPDATE ON feeds
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_feeds_changed();
CREATE TRIGGER feeds_deleted AFTER DELETE OR TRUNCATE ON feeds
  FOR EACH STATEMENT EXECUTE FUNCTION notify_service_points_changed();
