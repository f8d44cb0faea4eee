-- Purpose: the published, located points of one scope, copied into a temporary table
--          with its own GiST index, so each unit's nearest-neighbour search walks only
--          matching points. Searching the whole index with a filter instead walks past
--          every non-matching point nearer than the first match: for a rare scope (a
--          small jurisdiction, a category offered in few places) that is most of the
--          index for every unit.
-- Params:  $1 levels text[] | null, $2 jurisdiction ids text[] | null, $3 categories text[] | null (any of),
--          $4 languages text[] | null (any of), $5 accessibility text[] | null (all of)
-- Columns: none (CREATE TABLE AS); the caller indexes and analyses coverage_scope_points.
CREATE TEMPORARY TABLE coverage_scope_points AS
SELECT sp.pk, sp.id, sp.geog
FROM service_points sp
WHERE sp.is_published
  AND sp.geog IS NOT NULL
  AND ($1::text[] IS NULL OR sp.jurisdiction_id IN (SELECT j.id FROM jurisdictions j WHERE j.level = ANY ($1::text[])))
  AND ($2::text[] IS NULL OR sp.jurisdiction_id = ANY ($2::text[]))
  AND ($3::text[] IS NULL OR sp.categories && $3::text[])
  AND ($4::text[] IS NULL OR sp.languages && $4::text[])
  AND ($5::text[] IS NULL OR sp.accessibility @> $5::text[]);
