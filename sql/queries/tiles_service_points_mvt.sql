-- Purpose: the service_points tile cut by PostGIS (ST_AsMVT; server mode only, PGlite has
--          no protobuf), for comparison with the tiles cut in Node. Below the cluster
--          zoom, points in one cell of a grid of $4 tile units merge into one feature.
-- Params:  $1 z int, $2 x int, $3 y int, $4 cluster cell in tile units int (0: no clustering)
-- Columns: mvt bytea
WITH bounds AS (
  SELECT ST_TileEnvelope($1, $2, $3) AS env, ST_Transform(ST_TileEnvelope($1, $2, $3), 4326) AS env4326
),
pts AS (
  SELECT sp.id, sp.name_en AS name, coalesce(sp.name_fr, sp.name_en) AS name_fr, j.level, sp.jurisdiction_id,
    array_to_string(sp.categories, ',') AS categories,
    ST_AsMVTGeom(ST_Transform(sp.geom, 3857), b.env, 4096, 64, true) AS geom
  FROM service_points sp JOIN jurisdictions j ON j.id = sp.jurisdiction_id, bounds b
  WHERE sp.is_published AND sp.geom IS NOT NULL AND sp.geom && b.env4326
),
features AS (
  SELECT id, name, name_fr, level, jurisdiction_id, categories, NULL::int AS point_count, geom
  FROM pts WHERE $4::int = 0 AND geom IS NOT NULL
  UNION ALL
  SELECT CASE WHEN count(*) = 1 THEN min(id) END, CASE WHEN count(*) = 1 THEN min(name) END,
    CASE WHEN count(*) = 1 THEN min(name_fr) END, CASE WHEN count(*) = 1 THEN min(level) END,
    CASE WHEN count(*) = 1 THEN min(jurisdiction_id) END, CASE WHEN count(*) = 1 THEN min(categories) END,
    CASE WHEN count(*) > 1 THEN count(*)::int END,
    ST_Centroid(ST_Collect(geom))
  FROM pts WHERE $4::int > 0 AND geom IS NOT NULL
  GROUP BY ST_SnapToGrid(geom, $4::float8)
)
SELECT ST_AsMVT(features.*, 'service_points', 4096, 'geom') AS mvt FROM features;
