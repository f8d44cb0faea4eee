-- One shape for "a published service point": the point with its order of
-- government, jurisdiction names, effective time zone, feed, licence and the
-- time its version was published. Every query that returns service points
-- selects from this view instead of repeating the joins (the copies had
-- drifted: one lacked time_zone). security_invoker: the reader's own rights
-- and row-level security apply, as on the tables themselves.
CREATE VIEW published_service_points WITH (security_invoker = true) AS
SELECT
  sp.id, sp.name_en, sp.name_fr, j.level, sp.jurisdiction_id,
  j.name_en AS jurisdiction_name_en, j.name_fr AS jurisdiction_name_fr,
  sp.categories, sp.address, sp.city, sp.province, sp.postal_code, sp.phone, sp.email, sp.website,
  sp.languages, sp.accessibility, sp.hours, coalesce(sp.time_zone, pj.time_zone, j.time_zone) AS time_zone,
  sp.lon, sp.lat, sp.geocode_quality, sp.extra,
  f.id AS feed_id, f.name_en AS feed_name_en, f.name_fr AS feed_name_fr, f.licence,
  f.attribution_en, f.attribution_fr, f.is_synthetic, fv.published_at AS updated_at,
  -- For the queries' own use (filters, nearest order, paging), not part of the API shape.
  j.province AS jurisdiction_province, sp.pk, sp.geog, sp.geom, sp.feed_version_id
FROM service_points sp
JOIN jurisdictions j ON j.id = sp.jurisdiction_id
JOIN feeds f ON f.id = sp.feed_id
JOIN feed_versions fv ON fv.id = sp.feed_version_id
LEFT JOIN jurisdictions pj ON pj.id = 'ca-' || lower(sp.province)
WHERE sp.is_published;
COMMENT ON VIEW published_service_points IS 'Published service points with their jurisdiction, feed and publish time: the one shape the API returns.';
