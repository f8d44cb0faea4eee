-- Purpose: removes the stored rows of scopes that no published point has any more (an absent
--          row reads as "no matching point"), after a recompute of the scopes that remain.
-- Params:  $1 scopes to consider text[] | null (null: every stored scope except live ones),
--          $2 scopes to keep text[]
-- Columns: none (DELETE)
DELETE FROM coverage_distances
WHERE scope NOT LIKE 'live:%'
  AND ($1::text[] IS NULL OR scope = ANY ($1::text[]))
  AND scope <> ALL ($2::text[]);
