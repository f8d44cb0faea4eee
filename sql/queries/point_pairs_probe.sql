-- Purpose: fills fresh_point_pairs with the pairs of a feed's published points: points of other
--          feeds within the distance, measured when both are located at their own coordinates or
--          civic address, else only with a similar name (approximate). One index probe per distinct
--          location of the feed; run with sequential and bitmap scans off (see probePointPairs).
-- Params:  $1 feed id text, $2 minimum name similarity real, $3 distance in metres float8
-- Columns: none
WITH here AS MATERIALIZED (
  SELECT DISTINCT lon, lat FROM service_points WHERE is_published AND feed_id = $1 AND lon IS NOT NULL
), near AS MATERIALIZED (
  SELECT h.lon AS here_lon, h.lat AS here_lat, q.*
  FROM here h
  CROSS JOIN LATERAL (
    SELECT q.id, q.feed_id, q.jurisdiction_id, q.geog, q.name_en, q.geocode_quality
    FROM service_points q
    WHERE q.is_published AND q.geog IS NOT NULL AND q.feed_id <> $1
      AND ST_DWithin(q.geog, ST_SetSRID(ST_MakePoint(h.lon, h.lat), 4326)::geography, $3)
    OFFSET 0
  ) q
)
INSERT INTO fresh_point_pairs
SELECT DISTINCT ON (least(p.id, q.id), greatest(p.id, q.id))
  least(p.id, q.id), greatest(p.id, q.id),
  CASE WHEN p.id < q.id THEN p.feed_id ELSE q.feed_id END, CASE WHEN p.id < q.id THEN q.feed_id ELSE p.feed_id END,
  CASE WHEN p.id < q.id THEN p.jurisdiction_id ELSE q.jurisdiction_id END, CASE WHEN p.id < q.id THEN q.jurisdiction_id ELSE p.jurisdiction_id END,
  ST_Distance(p.geog, q.geog), similarity(p.name_en, q.name_en),
  CASE WHEN similarity(p.name_en, q.name_en) >= $2 THEN 'duplicate' ELSE 'co_located' END,
  NOT (p.geocode_quality IN ('source', 'address') AND q.geocode_quality IN ('source', 'address'))
FROM near q
JOIN service_points p ON p.is_published AND p.feed_id = $1 AND p.lon = q.here_lon AND p.lat = q.here_lat
WHERE (p.geocode_quality IN ('source', 'address') AND q.geocode_quality IN ('source', 'address')) OR similarity(p.name_en, q.name_en) >= $2
ORDER BY least(p.id, q.id), greatest(p.id, q.id);
