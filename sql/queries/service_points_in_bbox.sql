-- Purpose: published, located service points inside a bounding box, one page
--          at a time in a stable order (by id), with the filters of nearest.
-- Params:  $1 min lon, $2 min lat, $3 max lon, $4 max lat (float8),
--          $5 limit int (the caller asks for one more than it shows, to know if a next page exists), $6 offset int,
--          $7 levels text[] | null, $8 jurisdiction ids text[] | null,
--          $9 categories text[] | null (any of), $10 languages text[] | null (any of),
--          $11 accessibility text[] | null (all of), $12 only points with stored hours boolean
-- Columns: the service point fields of the API contract (no distance);
--          time_zone is the point's IANA zone, else its province's;
--          standard and performance: the point's published standard and latest figures (jsonb | null).
SELECT sp.*,
  service_standard_json('point', sp.id) AS standard, service_performance_json('point', sp.id) AS performance
FROM published_service_points sp
WHERE sp.geom && ST_MakeEnvelope($1, $2, $3, $4, 4326)
  AND ($7::text[] IS NULL OR sp.level = ANY ($7::text[]))
  AND ($8::text[] IS NULL OR sp.jurisdiction_id = ANY ($8::text[]))
  AND ($9::text[] IS NULL OR sp.categories && $9::text[])
  AND ($10::text[] IS NULL OR sp.languages && $10::text[])
  AND ($11::text[] IS NULL OR sp.accessibility @> $11::text[])
  AND (NOT $12::boolean OR sp.hours IS NOT NULL)
ORDER BY sp.id
LIMIT $5 OFFSET $6;
