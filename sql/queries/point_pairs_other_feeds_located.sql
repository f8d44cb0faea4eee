-- Purpose: whether any other feed has a published, located point (else a publish has nothing to
--          pair with), answered from the published versions.
-- Params:  $1 feed id text
-- Columns: has_other
SELECT EXISTS (
  SELECT 1 FROM feed_versions v
  WHERE v.status = 'published' AND v.feed_id <> $1
    AND EXISTS (SELECT 1 FROM service_points q WHERE q.feed_version_id = v.id AND q.is_published AND q.geog IS NOT NULL)
) AS has_other;
