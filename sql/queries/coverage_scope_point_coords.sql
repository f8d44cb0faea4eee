-- Purpose: the longitude and latitude of each point of the scope being computed
--          (coverage_scope_points, made just before by coverage_scope_points.sql), for the
--          in-process nearest-point index of the straight-line distance source.
-- Params:  none
-- Columns: pk bigint, lon float8, lat float8 (degrees, exactly as stored in geog), by pk
SELECT sp.pk, ST_X(sp.geog::geometry) AS lon, ST_Y(sp.geog::geometry) AS lat
FROM coverage_scope_points sp
ORDER BY sp.pk;
