-- Purpose: stores a page of units' nearest points (found in process by the straight-line
--          distance source) straight into the coverage store, for a scope that has no rows
--          yet (a new scope, a live one): the same rows as coverage_stage_nearest.sql, with
--          the metres measured by PostGIS on the sphere, ST_Distance(geography, geography, false).
-- Params:  $1 scope key text, $2 unit ids text[], $3 unit longitudes float8[], $4 unit latitudes
--          float8[] (as read by coverage_units_page.sql, in id order), $5 nearest point pks
--          bigint[] (of coverage_scope_points), all four arrays in the same order
-- Columns: none (INSERT into coverage_distances, in unit order so rows append to its primary key)
INSERT INTO coverage_distances (scope, unit_id, distance_m, nearest_point_pk, nearest_point_id)
SELECT $1::text, n.unit_id, ST_Distance(sp.geog, ST_SetSRID(ST_MakePoint(n.lon, n.lat), 4326)::geography, false), sp.pk, sp.id
FROM unnest($2::text[], $3::float8[], $4::float8[], $5::bigint[]) WITH ORDINALITY AS n(unit_id, lon, lat, pk, ord)
JOIN coverage_scope_points sp ON sp.pk = n.pk
ORDER BY n.ord;
