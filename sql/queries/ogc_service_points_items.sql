-- Purpose: OGC API - Features items of the service_points collection: published points,
--          optionally in a bounding box, one page in id order, with the count of all matches.
-- Params:  $1 min lon, $2 min lat, $3 max lon, $4 max lat (float8, all null: no bbox),
--          $5 limit int, $6 offset int, $7 one feature id text | null
-- Columns: number_matched int, then the service point fields of service-point-row.ts
--          (all null on the one row returned when the page is empty)
WITH matched AS (
  SELECT sp.*
  FROM published_service_points sp
  WHERE ($7::text IS NULL OR sp.id = $7::text)
    AND ($1::float8 IS NULL OR (sp.geom IS NOT NULL AND sp.geom && ST_MakeEnvelope($1, $2, $3, $4, 4326)))
),
page AS (
  SELECT * FROM matched
  ORDER BY id
  LIMIT $5 OFFSET $6
)
SELECT (SELECT count(*) FROM matched)::int AS number_matched, page.*
FROM (SELECT 1) AS one LEFT JOIN page ON true;
