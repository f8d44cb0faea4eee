-- Attributes that come with a boundary polygon: for census consolidated
-- subdivisions, how many subdivision polygons were dissolved into it (one
-- means the polygon is exactly its principal subdivision's).
ALTER TABLE boundaries ADD COLUMN properties jsonb NOT NULL DEFAULT '{}'::jsonb;
