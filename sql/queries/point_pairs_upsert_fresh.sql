-- Purpose: stores the fresh pairs, keeping first_seen_at of the pairs that still hold.
-- Params:  none
-- Columns: none
INSERT INTO point_pairs (a_id, b_id, a_feed_id, b_feed_id, a_jurisdiction_id, b_jurisdiction_id, distance_m, name_similarity, kind, approximate)
SELECT a_id, b_id, a_feed_id, b_feed_id, a_jurisdiction_id, b_jurisdiction_id, distance_m, name_similarity, kind, approximate
FROM fresh_point_pairs
ON CONFLICT (a_id, b_id) DO UPDATE SET distance_m = EXCLUDED.distance_m, name_similarity = EXCLUDED.name_similarity,
  kind = EXCLUDED.kind, approximate = EXCLUDED.approximate, refreshed_at = now();
