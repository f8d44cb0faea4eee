-- The federal government and the 13 provinces and territories, with the ids of
-- the API contract. Municipalities and Indigenous governments arrive as data.
INSERT INTO jurisdictions (id, level, name_en, name_fr, parent_id, province) VALUES
  ('ca', 'federal', 'Government of Canada', 'Gouvernement du Canada', NULL, NULL),
  ('ca-nl', 'provincial', 'Newfoundland and Labrador', 'Terre-Neuve-et-Labrador', 'ca', 'NL'),
  ('ca-pe', 'provincial', 'Prince Edward Island', 'Île-du-Prince-Édouard', 'ca', 'PE'),
  ('ca-ns', 'provincial', 'Nova Scotia', 'Nouvelle-Écosse', 'ca', 'NS'),
  ('ca-nb', 'provincial', 'New Brunswick', 'Nouveau-Brunswick', 'ca', 'NB'),
  ('ca-qc', 'provincial', 'Quebec', 'Québec', 'ca', 'QC'),
  ('ca-on', 'provincial', 'Ontario', 'Ontario', 'ca', 'ON'),
  ('ca-mb', 'provincial', 'Manitoba', 'Manitoba', 'ca', 'MB'),
  ('ca-sk', 'provincial', 'Saskatchewan', 'Saskatchewan', 'ca', 'SK'),
  ('ca-ab', 'provincial', 'Alberta', 'Alberta', 'ca', 'AB'),
  ('ca-bc', 'provincial', 'British Columbia', 'Colombie-Britannique', 'ca', 'BC'),
  ('ca-yt', 'territorial', 'Yukon', 'Yukon', 'ca', 'YT'),
  ('ca-nt', 'territorial', 'Northwest Territories', 'Territoires du Nord-Ouest', 'ca', 'NT'),
  ('ca-nu', 'territorial', 'Nunavut', 'Nunavut', 'ca', 'NU');
