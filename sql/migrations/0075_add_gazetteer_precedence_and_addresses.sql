-- Gazetteers that add up (issue 15).
--
-- 1. Every gazetteer source keeps its own places (places.source) and states how
--    much it is trusted (places.precedence, higher wins). When two sources name
--    the same place, the geocoder takes the one of higher precedence, then the
--    larger population, then a fixed order of the point itself, so the result
--    never depends on the order the sources were loaded in.
-- 2. Address-level geocoding: the civic addresses of the Open Database of
--    Addresses (Statistics Canada, Open Government Licence - Canada), one row
--    per address, matched on province, city, civic number and street. A
--    service point located this way has geocode_quality = 'address'.

ALTER TABLE places ADD COLUMN precedence smallint NOT NULL DEFAULT 10;
COMMENT ON COLUMN places.precedence IS
  'How much the geocoder trusts this source when several name the same place: higher wins (data-loaders/lib/replace-places.ts lists each source''s value; 10 for a source it does not list).';

ALTER TABLE service_points DROP CONSTRAINT service_points_geocode_quality_check;
ALTER TABLE service_points ADD CONSTRAINT service_points_geocode_quality_check
  CHECK (geocode_quality IN ('source', 'address', 'postal_code', 'community', 'none'));
COMMENT ON COLUMN service_points.geocode_quality IS
  'Where the point comes from: source (the feed''s own coordinates), address (a civic address of the Open Database of Addresses), postal_code (the FSA centroid), community (the community''s point), none (not located).';

CREATE TABLE address_points (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source text NOT NULL,
  source_key text NOT NULL,
  province text NOT NULL CHECK (province ~ '^[A-Z]{2}$'),
  -- The matching key: province|city|civic number|street, each as normalize_name() in
  -- data-loaders/lib/address-key.ts makes it (lower case, no accents, street type spelled out).
  match_key text NOT NULL,
  full_address text,
  city text,
  postal_code text,
  csd_code text,
  lon double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
  lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  UNIQUE (source, source_key)
);
COMMENT ON TABLE address_points IS
  'Civic addresses with coordinates (Open Database of Addresses), for address-level geocoding of feeds without coordinates.';
CREATE INDEX address_points_match_key ON address_points (match_key);
