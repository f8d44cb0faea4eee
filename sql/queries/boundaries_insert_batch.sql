-- Purpose: inserts one batch of boundaries (a JSON array, each geometry as GeoJSON text), as
--          multipolygons.
-- Params:  $1 rows jsonb (array of id, kind, code, name, province, geometry, properties), $2 source
--          text
-- Columns: none
INSERT INTO boundaries (id, kind, code, name, province, geom, properties, source)
SELECT r.id, r.kind, r.code, r.name, r.province,
       ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(r.geometry), 4326)), r.properties, $2
FROM jsonb_to_recordset($1::jsonb) AS r(id text, kind text, code text, name text, province text, geometry text, properties jsonb);
