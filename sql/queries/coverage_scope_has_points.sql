-- Purpose: whether any published, located point matches a scope's filters. A scope with
--          none needs no rows (an absent row reads as "no matching point"), and skipping it
--          spares a nearest-neighbour walk of the whole index for every unit.
-- Params:  $1 levels text[] | null, $2 jurisdiction ids text[] | null, $3 categories text[] | null,
--          $4 languages text[] | null, $5 accessibility text[] | null
-- Columns: has_points boolean
SELECT EXISTS (
  SELECT 1 FROM service_points sp
  WHERE sp.is_published
    AND sp.geog IS NOT NULL
    AND ($1::text[] IS NULL OR sp.jurisdiction_id IN (SELECT j.id FROM jurisdictions j WHERE j.level = ANY ($1::text[])))
    AND ($2::text[] IS NULL OR sp.jurisdiction_id = ANY ($2::text[]))
    AND ($3::text[] IS NULL OR sp.categories && $3::text[])
    AND ($4::text[] IS NULL OR sp.languages && $4::text[])
    AND ($5::text[] IS NULL OR sp.accessibility @> $5::text[])
) AS has_points;
