-- Purpose: for each service category of a life event, the nearest published point
--          of each order of government that offers it ("where is the nearest place
--          for each thing I need, and which government runs it").
--          Only (category, order of government) pairs that have at least one point
--          are searched (the GIN index on categories finds them), so a pair that
--          exists nowhere (a municipal passport office) costs no nearest-neighbour walk.
-- Params:  $1 life event code, $2 lon float8, $3 lat float8,
--          $4 languages text[] | null (any of), $5 accessibility text[] | null (all of),
--          $6 levels text[] | null, $7 max distance in metres float8 | null
-- Columns: category_code, category_sort, then the service point fields of the API contract with distance_m
WITH cats AS (
  SELECT lec.category_code, lec.sort_order FROM life_event_categories lec WHERE lec.life_event_code = $1
),
pairs AS (
  SELECT DISTINCT c.category_code, c.sort_order, j.level
  FROM cats c
  JOIN service_points sp ON sp.is_published AND sp.geog IS NOT NULL AND sp.categories @> ARRAY[c.category_code]
  JOIN jurisdictions j ON j.id = sp.jurisdiction_id
  WHERE ($6::text[] IS NULL OR j.level = ANY ($6::text[]))
)
SELECT pr.category_code, pr.sort_order AS category_sort, p.*
FROM pairs pr
CROSS JOIN LATERAL (
  SELECT sp.*, ST_Distance(sp.geog, ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography) AS distance_m
  FROM published_service_points sp
  WHERE sp.geog IS NOT NULL
    AND sp.level = pr.level
    AND sp.categories @> ARRAY[pr.category_code]
    AND ($4::text[] IS NULL OR sp.languages && $4::text[])
    AND ($5::text[] IS NULL OR sp.accessibility @> $5::text[])
    AND ($7::float8 IS NULL OR ST_DWithin(sp.geog, ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography, $7::float8))
  ORDER BY sp.geog <-> ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography
  LIMIT 1
) p
ORDER BY pr.sort_order, p.distance_m;
