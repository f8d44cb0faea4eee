-- HSDS 3.0 identifies every record by a UUID. Service points keep their public
-- id; their HSDS service id is derived from it (md5 of 'hsds-service:' || id,
-- read as a UUID), and this index finds a published point by that UUID.
CREATE INDEX service_points_hsds_service_id ON service_points ((md5('hsds-service:' || id)::uuid)) WHERE is_published;
