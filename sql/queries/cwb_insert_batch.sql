-- Purpose: inserts one batch of 2021 census subdivisions with their Community Well-Being indicators
--          (a JSON array), unlocated.
-- Params:  $1 rows jsonb (array of id, code, name, province, population, cwb, income, education,
--          housing, labour_force_activity, community_type, name_lon, name_lat), $2 source text
-- Columns: none
INSERT INTO population_units (id, kind, name, province, population, indicators, source)
SELECT r.id, 'csd', r.name, r.province, r.population,
       jsonb_strip_nulls(jsonb_build_object('csd_code', r.code, 'census_year', 2021, 'cwb', r.cwb, 'income', r.income,
         'education', r.education, 'housing', r.housing, 'labour_force_activity', r.labour_force_activity,
         'community_type', r.community_type, 'name_lon', r.name_lon, 'name_lat', r.name_lat)),
       $2
FROM jsonb_to_recordset($1::jsonb) AS r(id text, code text, name text, province text, population int, cwb float8,
  income float8, education float8, housing float8, labour_force_activity float8, community_type text,
  name_lon float8, name_lat float8);
