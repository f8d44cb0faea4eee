-- The major federal phone and online channels, each with the public source it
-- was verified from and the date that source states (or the date it was read,
-- 2026-11-22, when it states none). Where the official page could not be read,
-- a community directory record of the Government of Canada program was used
-- and says so in source_note: stewards should confirm these (docs/channels.md).
-- No number here is invented; provincial channels arrive as provincial feeds.
INSERT INTO service_channels (id, jurisdiction_id, kind, name_en, name_fr, categories, is_general, url_en, url_fr,
  phone, phone_fr, tty, hours_en, hours_fr, languages, provinces, origin, source_url, source_date, source_note) VALUES
  ('ca-ei-phone', 'ca', 'phone',
   'Employment Insurance (Service Canada)', 'Assurance-emploi (Service Canada)',
   '{employment_insurance}', false, NULL, NULL,
   '1-800-206-7218', '1-800-808-6352', '1-800-529-3742',
   'Agents Monday to Friday, 8:30 a.m. to 4:30 p.m. local time; recorded information 24 hours a day.',
   'Agents du lundi au vendredi, de 8 h 30 à 16 h 30, heure locale; renseignements enregistrés 24 heures sur 24.',
   '{en,fr}', NULL, 'seed',
   'https://redbook.hpl.ca/redbook/record/HAM2681', '2026-11-22',
   'Third-party directory record (Hamilton Public Library Red Book, HAM2681) of the Government of Canada program; consistent with https://lignesantesud-ouest.ca/printService.aspx?id=12480. TTY also stated in ESDC Question Period Note FCSD-JUN2022-018 (2022-06-10).'),
  ('ca-pensions-phone', 'ca', 'phone',
   'Old Age Security and Canada Pension Plan (Service Canada)', 'Sécurité de la vieillesse et Régime de pensions du Canada (Service Canada)',
   '{pensions}', false, NULL, NULL,
   '1-800-277-9914', '1-800-277-9915', '1-800-255-4786',
   'Agents Monday to Friday, 8:30 a.m. to 4:30 p.m.',
   'Agents du lundi au vendredi, de 8 h 30 à 16 h 30.',
   '{en,fr}', NULL, 'seed',
   'https://halton.cioc.ca/record/MET1374', '2023-08-11',
   'Third-party directory record (211 Ontario community record MET1374, last full update 2023-08-11; also https://seniors.hipinfo.ca/record/MET1374) of the Government of Canada program.'),
  ('ca-pensions-online', 'ca', 'online',
   'Old Age Security (Canada.ca)', 'Sécurité de la vieillesse (Canada.ca)',
   '{pensions}', false, 'https://www.canada.ca/en/services/benefits/publicpensions/cpp/old-age-security.html', NULL,
   NULL, NULL, NULL, NULL, NULL,
   '{en,fr}', NULL, 'seed',
   'https://halton.cioc.ca/record/MET1374', '2023-08-11',
   'URL as listed in the 211 Ontario community record MET1374 (third-party directory).'),
  ('ca-passport-phone', 'ca', 'phone',
   'Passport Program', 'Programme de passeport',
   '{passport}', false, NULL, NULL,
   '1-800-567-6868', NULL, '1-866-255-7655',
   'Monday to Friday, 8:30 a.m. to 5 p.m.',
   'Du lundi au vendredi, de 8 h 30 à 17 h.',
   '{en,fr}', NULL, 'seed',
   'https://lignesantehnhb.ca/printService.aspx?id=16072', '2026-11-22',
   'Third-party directory record (Ontario Health Line) of the Government of Canada Passport Program; the same numbers in https://lignesantesud-ouest.ca/printService.aspx?id=16072.'),
  ('ca-1-800-o-canada', 'ca', 'phone',
   '1 800 O-Canada (Government of Canada information)', '1 800 O-Canada (renseignements du gouvernement du Canada)',
   '{}', true, NULL, NULL,
   '1-800-622-6232', NULL, '1-800-926-9105',
   NULL, NULL,
   '{en,fr}', NULL, 'seed',
   'http://www.servicecanada.gc.ca/eng/ei/types/sickness.shtml', '2026-11-22',
   'Service Canada publication IN-199-01-13E (2013, no day stated; the date is when the same numbers were read on https://www.canada.ca/en/employment-social-development/programs/ei/ei-list/reports/service-quality-review-report.html). See also https://www.canada.ca/en/contact/contact-1-800-o-canada.html.');

-- The EI call centre's published service level target, from an ESDC Question
-- Period Note received 2025-05-21 (an official Government of Canada record).
INSERT INTO service_standards (target_kind, target_id, jurisdiction_id, text_en, text_fr, target_pct, target_minutes, origin, source_url, source_date)
VALUES ('channel', 'ca-ei-phone', 'ca',
  '80% of calls answered within 10 minutes.', '80 % des appels répondus en moins de 10 minutes.',
  80, 10, 'seed',
  'https://search.open.canada.ca/qpnotes/record/esdc-edsc%2CSeniors_JUN2025_005', '2025-05-21');
