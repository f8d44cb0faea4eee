-- Purpose: the transaction's scratch table of the pairs a publish finds, dropped at COMMIT.
-- Params:  none
-- Columns: none
CREATE TEMP TABLE IF NOT EXISTS fresh_point_pairs (a_id text, b_id text, a_feed_id text, b_feed_id text,
  a_jurisdiction_id text, b_jurisdiction_id text, distance_m float8, name_similarity real, kind text, approximate boolean)
ON COMMIT DROP;
