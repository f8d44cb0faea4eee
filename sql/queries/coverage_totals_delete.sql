-- Purpose: clears the stored coverage totals of some scopes before they are added up again.
-- Params:  $1 scopes text[] | null (null: every scope)
-- Columns: none (DELETE from coverage_band_totals and coverage_precision_totals)
WITH b AS (DELETE FROM coverage_band_totals WHERE $1::text[] IS NULL OR scope = ANY ($1::text[]))
DELETE FROM coverage_precision_totals WHERE $1::text[] IS NULL OR scope = ANY ($1::text[]);
