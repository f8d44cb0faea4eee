-- Every change to what the nearest answer is built from (service points, their
-- feeds, feed versions and jurisdictions) sends NOTIFY service_points_changed
-- at commit, so each API instance's in-process nearest index
-- (server/nearest/published-point-index.ts) reloads from the database, which
-- stays the source of truth. One notification per table and transaction
-- (PostgreSQL folds identical ones), whatever the number of rows.
CREATE FUNCTION notify_service_points_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('service_points_changed', TG_TABLE_NAME);
  RETURN NULL;
END
$$;

CREATE TRIGGER service_points_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON service_points
  FOR EACH STATEMENT EXECUTE FUNCTION notify_service_points_changed();
CREATE TRIGGER service_points_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON feeds
  FOR EACH STATEMENT EXECUTE FUNCTION notify_service_points_changed();
CREATE TRIGGER service_points_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON feed_versions
  FOR EACH STATEMENT EXECUTE FUNCTION notify_service_points_changed();
CREATE TRIGGER service_points_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON jurisdictions
  FOR EACH STATEMENT EXECUTE FUNCTION notify_service_points_changed();
