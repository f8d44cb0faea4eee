-- Purpose: removes the stored pairs of a feed that the fresh pairs no longer hold.
-- Params:  $1 feed id text
-- Columns: none
DELETE FROM point_pairs pp WHERE (pp.a_feed_id = $1 OR pp.b_feed_id = $1)
AND NOT EXISTS (SELECT 1 FROM fresh_point_pairs f WHERE f.a_id = pp.a_id AND f.b_id = pp.b_id);
