-- A nearest answer from the in-process index (server/nearest) carries each
-- point's published service standard and latest wait and share of standard
-- met. Those change with every push, not with a publish, so until now each
-- answer read them from the database: one statement per citizen's search.
-- The index now keeps them in memory too, and these triggers tell it which
-- points' figures changed: one notification per statement on the same channel
-- as migration 0090's, `figures:` followed by a JSON array of the point ids,
-- or `figures:*` (read them all again) when the list would not fit in a
-- notification, or on truncation. Figures of channels are not in any nearest
-- answer and notify nothing.

CREATE FUNCTION notify_point_figures_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  ids jsonb;
BEGIN
  -- One branch per event: a statement names only the transition tables its trigger has.
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM pg_notify('service_points_changed', 'figures:*');
    RETURN NULL;
  ELSIF TG_OP = 'INSERT' THEN
    SELECT jsonb_agg(DISTINCT target_id) INTO ids FROM new_rows WHERE target_kind = 'point';
  ELSIF TG_OP = 'DELETE' THEN
    SELECT jsonb_agg(DISTINCT target_id) INTO ids FROM old_rows WHERE target_kind = 'point';
  ELSE
    SELECT jsonb_agg(DISTINCT c.target_id) INTO ids
    FROM (SELECT target_kind, target_id FROM new_rows UNION SELECT target_kind, target_id FROM old_rows) c
    WHERE c.target_kind = 'point';
  END IF;
  IF ids IS NOT NULL THEN
    -- A notification's payload must stay under 8,000 bytes.
    PERFORM pg_notify('service_points_changed',
      CASE WHEN octet_length(ids::text) <= 7000 THEN 'figures:' || ids::text ELSE 'figures:*' END);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER point_standards_inserted AFTER INSERT ON service_standards
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_point_figures_changed();
CREATE TRIGGER point_standards_updated AFTER UPDATE ON service_standards
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION notify_point_figures_changed();
CREATE TRIGGER point_standards_deleted AFTER DELETE ON service_standards
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_point_figures_changed();
CREATE TRIGGER point_standards_truncated AFTER TRUNCATE ON service_standards
  FOR EACH STATEMENT EXECUTE FUNCTION notify_point_figures_changed();

CREATE TRIGGER point_performance_inserted AFTER INSERT ON service_performance
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_point_figures_changed();
CREATE TRIGGER point_performance_updated AFTER UPDATE ON service_performance
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION notify_point_figures_changed();
CREATE TRIGGER point_performance_deleted AFTER DELETE ON service_performance
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_point_figures_changed();
CREATE TRIGGER point_performance_truncated AFTER TRUNCATE ON service_performance
  FOR EACH STATEMENT EXECUTE FUNCTION notify_point_figures_changed();
