-- Purpose: the census-unit attributes the atlas's unit layers show (Community
--          Well-Being score and components, community type, area for density),
--          one row per located unit, optionally of some provinces.
-- Params:  $1 unit provinces text[] | null
-- Columns: id, name, province, population int | null, cwb, income, education, housing,
--          labour_force_activity (float8 | null: not published), community_type text
--          ('first_nations' | 'inuit' | 'non_indigenous' | null: not published),
--          area_km2 float8 | null (null: no polygon; area on the spheroid), lon, lat
WITH u AS (
  SELECT u.*, nullif(trim(u.indicators ->> 'community_type'), '') AS type_text
  FROM population_units u
  WHERE u.point IS NOT NULL AND ($1::text[] IS NULL OR u.province = ANY ($1::text[]))
)
SELECT u.id, u.name, u.province, u.population,
  CASE WHEN jsonb_typeof(u.indicators -> 'cwb') = 'number' THEN (u.indicators ->> 'cwb')::float8 END AS cwb,
  CASE WHEN jsonb_typeof(u.indicators -> 'income') = 'number' THEN (u.indicators ->> 'income')::float8 END AS income,
  CASE WHEN jsonb_typeof(u.indicators -> 'education') = 'number' THEN (u.indicators ->> 'education')::float8 END AS education,
  CASE WHEN jsonb_typeof(u.indicators -> 'housing') = 'number' THEN (u.indicators ->> 'housing')::float8 END AS housing,
  CASE WHEN jsonb_typeof(u.indicators -> 'labour_force_activity') = 'number' THEN (u.indicators ->> 'labour_force_activity')::float8 END
    AS labour_force_activity,
  CASE
    WHEN u.type_text IS NULL THEN NULL
    WHEN u.type_text ~* 'non.?(indigenous|autochtone|aboriginal)' THEN 'non_indigenous'
    WHEN u.type_text ~* 'inuit' THEN 'inuit'
    WHEN u.type_text ~* '(first.?nation|premi[eè]res?.?nations?)' THEN 'first_nations'
  END AS community_type,
  CASE WHEN u.geom IS NULL THEN NULL ELSE ST_Area(u.geom::geography) / 1e6 END AS area_km2,
  ST_X(u.point) AS lon, ST_Y(u.point) AS lat
FROM u
ORDER BY u.id;
