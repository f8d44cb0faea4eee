-- Purpose: a page of the published service points of some jurisdictions, located
--          or not, in id order after a cursor (export and cursor paging without a box).
-- Params:  $1 jurisdiction ids text[], $2 after id text | null (exclusive cursor), $3 limit int,
--          $4 levels text[] | null, $5 categories text[] | null (any of),
--          $6 languages text[] | null (any of), $7 accessibility text[] | null (all of),
--          $8 only points with stored hours boolean
-- Columns: the service point fields of the API contract (no distance);
--          time_zone is the point's IANA zone, else its province's;
--          standard and performance: the point's published standard and latest figures (jsonb | null).
SELECT sp.*,
  service_standard_json('point', sp.id) AS standard, service_performance_json('point', sp.id) AS performance
FROM published_service_points sp
WHERE sp.jurisdiction_id = ANY ($1::text[])
  AND ($2::text IS NULL OR sp.id > $2::text)
  AND ($4::text[] IS NULL OR sp.level = ANY ($4::text[]))
  AND ($5::text[] IS NULL OR sp.categories && $5::text[])
  AND ($6::text[] IS NULL OR sp.languages && $6::text[])
  AND ($7::text[] IS NULL OR sp.accessibility @> $7::text[])
  AND (NOT $8::boolean OR sp.hours IS NOT NULL)
ORDER BY sp.id
LIMIT $3;
