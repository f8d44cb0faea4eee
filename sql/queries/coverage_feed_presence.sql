-- Purpose: which published feeds have points in which province or territory, by order
--          of government (the data-coverage matrix, and the test findings run before
--          they claim an absence of service). A point's province is its own, else its
--          jurisdiction's.
-- Params:  none
-- Columns: province text, level text, feed_id, feed_name_en, feed_name_fr, points int,
--          points_approximate int (located by postal code or community centre),
--          points_not_located int, published_at timestamptz (of the published version)
SELECT coalesce(sp.province, j.province) AS province, j.level, f.id AS feed_id, f.name_en AS feed_name_en, f.name_fr AS feed_name_fr,
  count(*)::int AS points,
  count(*) FILTER (WHERE sp.geocode_quality IN ('postal_code', 'community'))::int AS points_approximate,
  count(*) FILTER (WHERE sp.geocode_quality = 'none')::int AS points_not_located,
  max(fv.published_at) AS published_at
FROM service_points sp
JOIN jurisdictions j ON j.id = sp.jurisdiction_id
JOIN feeds f ON f.id = sp.feed_id
JOIN feed_versions fv ON fv.id = sp.feed_version_id
WHERE sp.is_published AND coalesce(sp.province, j.province) IS NOT NULL
GROUP BY 1, 2, 3, 4, 5
ORDER BY 1, 2, 3;
