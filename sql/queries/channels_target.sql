-- Purpose: the owner of a channel or of a published service point, so that only the
--          owning jurisdiction's key may set its standard or push its performance.
-- Params:  $1 target kind text ('channel' | 'point'), $2 id text
-- Columns: id, jurisdiction_id (no row: unknown target)
SELECT c.id, c.jurisdiction_id FROM service_channels c WHERE $1 = 'channel' AND c.id = $2
UNION ALL
(SELECT sp.id, sp.jurisdiction_id FROM service_points sp WHERE $1 = 'point' AND sp.id = $2 AND sp.is_published LIMIT 1);
