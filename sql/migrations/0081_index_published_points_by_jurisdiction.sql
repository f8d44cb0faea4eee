-- A jurisdiction's published points, located or not, in id order: the export
-- of GET /api/service-points?jurisdiction=ID (CSV and GeoJSON streamed whole,
-- JSON by cursor) reads them page by page from this index.
CREATE INDEX service_points_published_jurisdiction ON service_points (jurisdiction_id, id) WHERE is_published;
