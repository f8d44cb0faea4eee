-- "Which published points offer passport services" is asked by the category
-- filter and by every life-event search; a GIN index answers it without
-- walking every point.
CREATE INDEX service_points_published_categories ON service_points USING gin (categories) WHERE is_published;
