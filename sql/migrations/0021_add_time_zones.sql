-- Opening hours are local times: open_now needs the time zone of each point.
-- A point may carry its own IANA zone (western Ontario, the Magdalen Islands,
-- Lloydminster, north-eastern British Columbia differ from their province);
-- otherwise the zone of its province applies, kept on the province's jurisdiction.
ALTER TABLE jurisdictions ADD COLUMN time_zone text CHECK (time_zone ~ '^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$');
COMMENT ON COLUMN jurisdictions.time_zone IS 'IANA time zone used for the hours of points in this jurisdiction''s province when a point names none.';

ALTER TABLE service_points ADD COLUMN time_zone text CHECK (time_zone ~ '^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$');
COMMENT ON COLUMN service_points.time_zone IS 'IANA time zone of the point''s opening hours; null: the zone of its province.';

UPDATE jurisdictions SET time_zone = v.tz
FROM (VALUES
  ('NL', 'America/St_Johns'), ('PE', 'America/Halifax'), ('NS', 'America/Halifax'), ('NB', 'America/Moncton'),
  ('QC', 'America/Toronto'), ('ON', 'America/Toronto'), ('MB', 'America/Winnipeg'), ('SK', 'America/Regina'),
  ('AB', 'America/Edmonton'), ('BC', 'America/Vancouver'), ('YT', 'America/Whitehorse'), ('NT', 'America/Yellowknife'),
  ('NU', 'America/Iqaluit')
) AS v(province, tz)
WHERE jurisdictions.province = v.province AND jurisdictions.level IN ('provincial', 'territorial');
