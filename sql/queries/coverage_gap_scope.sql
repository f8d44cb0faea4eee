-- Purpose: whether a scope's far units are stored in coverage_gap_distances, and from what
--          distance (gaps and suggestions read them for a threshold at or beyond it).
-- Params:  $1 scope text
-- Columns: beyond_m float8 (no row: not stored)
SELECT beyond_m FROM coverage_gap_scopes WHERE scope = $1::text;
