-- More of "who handles this" from official pages (after 0120), read in stored
-- copies on 2026-12-06:
--
--   * Hunting: Environment and Climate Change Canada's page says a federal
--     Migratory Game Bird Hunting Permit is needed to hunt migratory game birds
--     anywhere in Canada, and that a provincial or territorial licence may also
--     be needed. The federal government was missing for this category: it is
--     added at rank 2 in every province and territory (the province or
--     territory stays first for hunting and fishing licences generally), with a
--     note saying what it issues, in both languages.
--   * Ontario, from Ontario's own pages: vehicle registration and the Ontario
--     Photo Card (ServiceOntario), public libraries (established by municipal
--     councils under the Public Libraries Act), building permits (the
--     municipality's chief building official under the Building Code Act) and
--     property tax (levied by municipalities).
--   * British Columbia's photo identification card (the BC identification card
--     under the Identification Card Regulation of the Motor Vehicle Act).
--
-- Rows a steward has changed (origin 'steward') are left as they are.

-- ------------------------------------------------------------------ hunting
INSERT INTO category_responsibilities (province, category_code, level, jurisdiction_id, rank, note_en, note_fr,
  source_url, source_checked_on, source_note)
SELECT p.province, 'hunting_fishing_licence', 'federal', 'ca', 2,
  'Migratory game birds (ducks, geese and others): a federal Migratory Game Bird Hunting Permit from Environment and Climate Change Canada, valid anywhere in Canada.',
  'Oiseaux migrateurs considérés comme gibier (canards, oies et autres) : un permis fédéral de chasse aux oiseaux migrateurs considérés comme gibier d’Environnement et Changement climatique Canada, valide partout au Canada.',
  'https://www.canada.ca/en/environment-climate-change/services/migratory-game-bird-hunting/permit.html',
  DATE '2026-12-06',
  'Canada.ca (Environment and Climate Change Canada), "Migratory Game Bird Hunting Permit": "To hunt migratory game birds in Canada, you must have a valid federal Migratory Game Bird Hunting Permit"; it is valid anywhere in Canada; "You may also need a provincial or territorial licence." Read in a stored copy of the page.'
FROM (SELECT DISTINCT province FROM category_responsibilities WHERE category_code = 'hunting_fishing_licence') p
ON CONFLICT (province, category_code, level) DO NOTHING;

UPDATE category_responsibilities SET
  source_url = 'https://www.canada.ca/en/environment-climate-change/services/migratory-game-bird-hunting/permit.html',
  source_checked_on = DATE '2026-12-06',
  source_note = 'Canada.ca (Environment and Climate Change Canada), "Migratory Game Bird Hunting Permit": besides the federal permit for migratory game birds, "You may also need a provincial or territorial licence. Check with the wildlife agency in the area where you plan to hunt." Read in a stored copy of the page.'
WHERE category_code = 'hunting_fishing_licence' AND level IN ('provincial', 'territorial') AND origin = 'seed';

-- ------------------------------------------------------------------ Ontario
UPDATE category_responsibilities SET
  source_url = 'https://www.ontario.ca/page/register-vehicle-permit-and-licence-plate',
  source_checked_on = DATE '2026-12-06',
  source_note = 'Ontario.ca, "Register a vehicle, get a permit and licence plate": "When you register your vehicle at a ServiceOntario centre you will get a vehicle permit, licence plate"; a used vehicle is registered within 6 days of the sale at a ServiceOntario centre. Read in a stored copy of the page.'
WHERE category_code = 'vehicle_registration' AND province = 'ON' AND level = 'provincial' AND origin = 'seed';

UPDATE category_responsibilities SET
  source_url = 'http://www.ontario.ca/government/ontario-photo-card',
  source_checked_on = DATE '2026-12-06',
  source_note = 'Ontario.ca, "Ontario Photo Card": government-issued identification for Ontarians 16 and older who do not have a driver''s licence; you apply at a ServiceOntario centre. Read in a stored copy of the page at its archived http address.'
WHERE category_code = 'photo_id_card' AND province = 'ON' AND level = 'provincial' AND origin = 'seed';

UPDATE category_responsibilities SET
  source_url = 'https://www.ontario.ca/page/information-public-libraries-act',
  source_checked_on = DATE '2026-12-06',
  source_note = 'Ontario.ca, "Information on the Public Libraries Act": under the Act municipalities provide library service; "Municipal councils establish public libraries by passing a bylaw", and the council appoints the public library board. Read in a stored copy of the page.'
WHERE category_code = 'library_services' AND province = 'ON' AND level = 'municipal' AND origin = 'seed';

UPDATE category_responsibilities SET
  source_url = 'https://www.ontario.ca/document/ontario-municipal-councillors-guide/12-building-regulation',
  source_checked_on = DATE '2026-12-06',
  source_note = 'Ontario.ca, Ontario Municipal Councillor''s Guide, "12. Building regulation": under the Building Code Act "municipalities are responsible for the enforcement of the Act and the Building Code"; the municipality''s chief building official issues permits for construction, renovation, change of use or demolition. Read in a stored copy of the page.'
WHERE category_code = 'municipal_permits' AND province = 'ON' AND level = 'municipal' AND origin = 'seed';

UPDATE category_responsibilities SET
  source_url = 'https://www.ola.org/en/legislative-business/bills/parliament-36/session-1/bill-106',
  source_checked_on = DATE '2026-12-06',
  source_note = 'Legislative Assembly of Ontario, Bill 106, Fair Municipal Finance Act, 1997, explanatory note: the Bill deals with assessment and "the levying of property taxes by municipalities"; municipal property taxes are the municipal tax rate applied to the assessed value. Read in a stored copy of the page.'
WHERE category_code = 'property_tax' AND province = 'ON' AND level = 'municipal' AND origin = 'seed';

-- ---------------------------------------------------------- British Columbia
UPDATE category_responsibilities SET
  source_url = 'https://www.bclaws.gov.bc.ca/civix/document/id/loo107/loo107/4_2013',
  source_checked_on = DATE '2026-12-06',
  source_note = 'BC Laws, Identification Card Regulation, B.C. Reg. 4/2013 under the Motor Vehicle Act (archived consolidation current to 2021-12-31): Part 1 provides for the BC identification card, issued by the province. Read in a stored copy of the page.'
WHERE category_code = 'photo_id_card' AND province = 'BC' AND level = 'provincial' AND origin = 'seed';
