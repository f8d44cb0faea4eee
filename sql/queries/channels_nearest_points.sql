-- Purpose: for each government that handles a category in a province, its nearest
--          published service points offering the category (no hard radius), with each
--          point's published standard and latest performance.
-- Params:  $1 lon float8, $2 lat float8, $3 province text, $4 category codes text[], $5 points per handler int
-- Columns: category_code, handler_level, handler_jurisdiction_id, then the service point fields of the
--          API contract (as nearest_service_points.sql) with distance_m (great-circle metres), standard, performance
SELECT r.category_code, r.level AS handler_level, r.jurisdiction_id AS handler_jurisdiction_id, p.*
FROM category_responsibilities r
CROSS JOIN LATERAL (
  SELECT sp.*,
    ST_Distance(sp.geog, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography) AS distance_m,
    service_standard_json('point', sp.id) AS standard,
    service_performance_json('point', sp.id) AS performance
  FROM published_service_points sp
  WHERE sp.geog IS NOT NULL
    AND sp.categories @> ARRAY[r.category_code]
    AND CASE WHEN r.jurisdiction_id IS NOT NULL THEN sp.jurisdiction_id = r.jurisdiction_id
             ELSE sp.level = r.level AND coalesce(sp.province, sp.jurisdiction_province) = $3 END
  ORDER BY sp.geog <-> ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography
  LIMIT $5
) p
WHERE r.province = $3 AND r.category_code = ANY ($4::text[])
ORDER BY r.category_code, r.level, p.distance_m;
