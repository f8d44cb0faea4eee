-- Purpose: what the database holds, so the client can say plainly when no feed is loaded.
-- Params:  none
-- Columns: published_feeds, published_points, located_points, synthetic_feeds, places, population_units
SELECT
  (SELECT count(*)::int FROM feed_versions WHERE status = 'published') AS published_feeds,
  (SELECT count(*)::int FROM service_points WHERE is_published) AS published_points,
  (SELECT count(*)::int FROM service_points WHERE is_published AND geog IS NOT NULL) AS located_points,
  (SELECT count(*)::int FROM feeds f WHERE f.is_synthetic
      AND EXISTS (SELECT 1 FROM feed_versions v WHERE v.feed_id = f.id AND v.status = 'published')) AS synthetic_feeds,
  (SELECT count(*)::int FROM places) AS places,
  (SELECT count(*)::int FROM population_units) AS population_units;
