-- Purpose: inserts one batch of the shipped 2021 census subdivisions (a JSON array) with their
--          point and shape when known.
-- Params:  $1 rows jsonb (array of id, code, name, province, population, cwb, income, education,
--          housing, labour_force_activity, community_type, located_by, lon, lat, geometry), $2
--          source text
-- Columns: none
INSERT INTO population_units (id, kind, name, province, population, indicators, point, geom, source)
SELECT r.id, 'csd', r.name, r.province, r.population,
       jsonb_strip_nulls(jsonb_build_object('csd_code', r.code, 'census_year', 2021, 'cwb', r.cwb, 'income', r.income,
         'education', r.education, 'housing', r.housing, 'labour_force_activity', r.labour_force_activity,
         'community_type', r.community_type, 'located_by', r.located_by)),
       CASE WHEN r.lon IS NOT NULL AND r.lat IS NOT NULL THEN ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326) END,
       CASE WHEN r.geometry IS NOT NULL THEN ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(r.geometry), 4326)) END,
       $2
FROM jsonb_to_recordset($1::jsonb) AS r(id text, code text, name text, province text, population int, cwb float8,
  income float8, education float8, housing float8, labour_force_activity float8, community_type text,
  located_by text, lon float8, lat float8, geometry text);
