-- Purpose: clears the stored coverage totals and far units of some scopes before they are
--          added up again.
-- Params:  $1 scopes text[] | null (null: every scope)
-- Columns: none (DELETE from coverage_band_totals, coverage_precision_totals,
--          coverage_gap_distances and coverage_gap_scopes)
WITH b AS (DELETE FROM coverage_band_totals WHERE $1::text[] IS NULL OR scope = ANY ($1::text[])),
g AS (DELETE FROM coverage_gap_distances WHERE $1::text[] IS NULL OR scope = ANY ($1::text[])),
s AS (DELETE FROM coverage_gap_scopes WHERE $1::text[] IS NULL OR scope = ANY ($1::text[]))
DELETE FROM coverage_precision_totals WHERE $1::text[] IS NULL OR scope = ANY ($1::text[]);
