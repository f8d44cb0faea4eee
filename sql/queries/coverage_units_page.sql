-- Purpose: one page of located population units, in id order, whose nearest point the
--          straight-line distance source finds in process. Paging by id keeps memory bounded
--          at any number of units, and id order appends to coverage_distances' primary key.
-- Params:  $1 unit provinces text[] | null (live queries only compute the units they will read),
--          $2 the last unit id of the previous page text | null, $3 page size int
-- Columns: id text, lon float8, lat float8 (degrees, exactly as stored in point)
SELECT u.id, ST_X(u.point) AS lon, ST_Y(u.point) AS lat
FROM population_units u
WHERE u.point IS NOT NULL
  AND ($1::text[] IS NULL OR u.province = ANY ($1::text[]))
  AND ($2::text IS NULL OR u.id > $2::text)
ORDER BY u.id
LIMIT $3;
