-- Purpose: the nearest published service points to a location, nearest first,
--          with no hard radius (the k nearest however far they are).
-- Params:  $1 lon float8, $2 lat float8, $3 limit int,
--          $4 levels text[] | null, $5 jurisdiction ids text[] | null,
--          $6 categories text[] | null (any of), $7 languages text[] | null (any of),
--          $8 accessibility text[] | null (all of), $9 max distance in metres float8 | null,
--          $10 only points with stored hours boolean (open_now=true can only match those)
-- Columns: the service point fields of the API contract; distance_m is great-circle metres;
--          time_zone is the point's IANA zone, else its province's;
--          standard and performance: the point's published standard and latest figures (jsonb | null).
SELECT sp.*,
  ST_Distance(sp.geog, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography) AS distance_m,
  service_standard_json('point', sp.id) AS standard, service_performance_json('point', sp.id) AS performance
FROM published_service_points sp
WHERE sp.geog IS NOT NULL
  AND ($4::text[] IS NULL OR sp.level = ANY ($4::text[]))
  AND ($5::text[] IS NULL OR sp.jurisdiction_id = ANY ($5::text[]))
  AND ($6::text[] IS NULL OR sp.categories && $6::text[])
  AND ($7::text[] IS NULL OR sp.languages && $7::text[])
  AND ($8::text[] IS NULL OR sp.accessibility @> $8::text[])
  AND (NOT $10::boolean OR sp.hours IS NOT NULL)
  AND ($9::float8 IS NULL OR ST_DWithin(sp.geog, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography, $9::float8))
ORDER BY sp.geog <-> ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography
LIMIT $3;
