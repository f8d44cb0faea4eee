-- Purpose: what a publish of a feed can change in the coverage store: its
--          jurisdiction, that jurisdiction's order of government, and every
--          category offered by the versions going in or out.
-- Params:  $1 feed id text, $2 feed version ids bigint[] (the new one and those it replaced)
-- Columns: jurisdiction_id text, level text, categories text[]
SELECT f.jurisdiction_id, j.level,
  coalesce((
    SELECT array_agg(DISTINCT c) FROM service_points sp, unnest(sp.categories) AS c
    WHERE sp.feed_version_id = ANY ($2::bigint[])
  ), '{}') AS categories
FROM feeds f JOIN jurisdictions j ON j.id = f.jurisdiction_id
WHERE f.id = $1;
