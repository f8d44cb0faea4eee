-- Purpose: stages a page of units' nearest points (found in process by the straight-line
--          distance source) with their distance in metres, measured here by PostGIS on the
--          sphere exactly as an analysis would: ST_Distance(geography, geography, false).
--          coverage_merge_scope_*.sql then move the staged rows into coverage_distances.
-- Params:  $1 unit ids text[], $2 unit longitudes float8[], $3 unit latitudes float8[]
--          (as read by coverage_units_page.sql), $4 nearest point pks bigint[] (of
--          coverage_scope_points), all four arrays in the same order
-- Columns: none (INSERT into the temporary table coverage_scope_staging)
INSERT INTO coverage_scope_staging (unit_id, distance_m, nearest_point_pk, nearest_point_id)
SELECT n.unit_id, ST_Distance(sp.geog, ST_SetSRID(ST_MakePoint(n.lon, n.lat), 4326)::geography, false), sp.pk, sp.id
FROM unnest($1::text[], $2::float8[], $3::float8[], $4::bigint[]) AS n(unit_id, lon, lat, pk)
JOIN coverage_scope_points sp ON sp.pk = n.pk;
