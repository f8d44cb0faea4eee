-- Purpose: empties the stored coverage distances before a full rebuild (live distances are kept).
-- Params:  none
-- Columns: none
DELETE FROM coverage_distances WHERE scope NOT LIKE 'live:%';
