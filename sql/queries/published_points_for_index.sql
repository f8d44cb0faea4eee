-- Purpose: one page of the published, located service points, in the shape every service-point
--          query returns (published_service_points) without the distance, for the in-process
--          nearest index (server/nearest/published-point-index.ts). Pages follow the primary key.
-- Params:  $1 after this pk bigint (0 for the first page), $2 page size int
-- Columns: the view's columns (pk among them); has_hours is true when the point has stored hours.
SELECT sp.*, sp.hours IS NOT NULL AS has_hours
FROM published_service_points sp
WHERE sp.geog IS NOT NULL
  AND sp.pk > $1
ORDER BY sp.pk
LIMIT $2;
