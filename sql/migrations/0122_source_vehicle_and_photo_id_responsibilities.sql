-- Vehicle registration and photo identification cards from the provinces' own
-- pages (after 0120 and 0121), read in stored copies on 2026-12-06: Quebec
-- (SAAQ), Alberta (Service Alberta's registry agents) and New Brunswick
-- (Service New Brunswick). No rank changes: the province comes first, as 0040
-- had it. Rows a steward has changed (origin 'steward') are left as they are.

UPDATE category_responsibilities SET
  source_url = 'https://saaq.gouv.qc.ca/salle-presse/saaqclic-foire-questions',
  source_checked_on = DATE '2026-12-06',
  source_note = 'Société de l''assurance automobile du Québec (Government of Québec), "SAAQclic : Foire aux questions": the SAAQ''s services include the renewal of the driver''s licence and of vehicle registration (immatriculation), the transfer and registration of vehicles, online in SAAQclic or at an SAAQ service point. Read in a stored copy of the page (in French).'
WHERE category_code = 'vehicle_registration' AND province = 'QC' AND level = 'provincial' AND origin = 'seed';

UPDATE category_responsibilities SET
  source_url = 'http://www.servicealberta.ca/572.cfm',
  source_checked_on = DATE '2026-12-06',
  source_note = 'Service Alberta, "Vehicle Licence Plate and Registration": vehicle services (new licence plate, renewal of registration, transfer, cancellation) are requested from an Alberta Registry Agent. Read in a stored copy of the page at its archived http address.'
WHERE category_code = 'vehicle_registration' AND province = 'AB' AND level = 'provincial' AND origin = 'seed';

UPDATE category_responsibilities SET
  source_url = 'http://www.servicealberta.gov.ab.ca/1305.cfm',
  source_checked_on = DATE '2026-12-06',
  source_note = 'Service Alberta, "Identification and Residency Requirements": for a motor vehicle service (including the Alberta identification card), the registry agent verifies your identity; the Alberta operator''s licence or identification card is listed as primary photo identification. Read in a stored copy of the page at its archived http address.'
WHERE category_code = 'photo_id_card' AND province = 'AB' AND level = 'provincial' AND origin = 'seed';

UPDATE category_responsibilities SET
  source_url = 'https://www2.gnb.ca/content/gnb/en/services/services_renderer.12535.Photo_ID_Card.html',
  source_checked_on = DATE '2026-12-06',
  source_note = 'Government of New Brunswick, "Photo ID Card": "Available to residents of New Brunswick for use as identification when they do not hold a valid drivers license"; valid for 4 years. Read in a stored copy of the page.'
WHERE category_code = 'photo_id_card' AND province = 'NB' AND level = 'provincial' AND origin = 'seed';

UPDATE category_responsibilities SET
  source_url = 'http://www.gnb.ca/cnb/news/ps/2009e0613ps.htm',
  source_checked_on = DATE '2026-12-06',
  source_note = 'Government of New Brunswick (Public Safety), news release of 2009-05-05, "Vehicle owners reminded to check registration expiry dates": "New Brunswickers may renew their registrations in person or at any Service New Brunswick centre", by TeleServices or online. Read in a stored copy of the page at its archived http address.'
WHERE category_code = 'vehicle_registration' AND province = 'NB' AND level = 'provincial' AND origin = 'seed';
