-- The federal channels of 0041, sourced again from official Government of
-- Canada pages (canada.ca, *.gc.ca, Library and Archives Canada's web archive
-- of those sites, and ESDC Question Period Notes on search.open.canada.ca)
-- instead of community directory records, plus the further federal channels
-- and published call-centre standards those pages state (docs/channels.md).
--
-- Rules followed here (issue 8: "never invent a number"):
--   * a number, URL or standard is seeded only when it was read on an official
--     page; source_url is that page, source_date the date the page shows (an
--     archived page: the day it was archived) or, when it shows none, the day it
--     was read, 2026-12-01;
--   * a value 0041 took from a third-party directory and no official page
--     confirmed is kept but named in source_note ("Not confirmed on an official
--     page: ..."), so stewards know what to check; nothing new is unconfirmed;
--   * French names and standard texts are translations of the English ones, not
--     facts of their own; a French URL is seeded only when that page was read.
--
-- Writes run in the migration runner's trusted context (batch work acts for
-- every jurisdiction: app.jurisdiction_id = '*', see 0050 and 0051). Because
-- row-level security would turn a refused UPDATE into a silent no-op, the DO
-- block below fails the migration if any of the five rows was not rewritten.

UPDATE service_channels SET
  source_url = 'https://bac-lac.wayback.archive-it.org/web/20131120024241/http://www.servicecanada.gc.ca/eng/faq/index.shtml',
  source_date = '2013-11-20',
  source_note = 'Official: 1-800-206-7218 ("Contact us at 1-800-206-7218") on Service Canada''s FAQ page, archived by Library and Archives Canada on 2013-11-20 (source_url); TTY 1-800-529-3742 in ESDC Question Period Note FCSD-JUN2022-018, received 2022-06-10 (https://search.open.canada.ca/qpnotes/record/esdc-edsc%2CFCSD-JUN2022-018). Not confirmed on an official page: the French line 1-800-808-6352 and the hours (both from the Hamilton Public Library Red Book record HAM2681 and 211 Ontario record MET4764; kept from 0041 for stewards to confirm).',
  updated_at = now()
WHERE id = 'ca-ei-phone' AND origin = 'seed';

UPDATE service_channels SET
  source_url = 'https://bac-lac.wayback.archive-it.org/web/20061028045216/http://www1.servicecanada.gc.ca/asp/gateway.asp?hr=en%2Fisp%2Fcommon%2Fnr4-03.shtml&hs=ozs',
  source_date = '2006-10-28',
  source_note = 'Official: "Call 1 800 277-9914 (TTY: 1 800 255-4786 ..." on the Service Canada Old Age Security and Canada Pension Plan page ISPB 121-01-03E (NR4 slips and international benefits), archived by Library and Archives Canada on 2006-10-28 (source_url); the TTY 1-800-255-4786 again on https://www.canada.ca/en/services/benefits/publicpensions/cpp/cpp-international/while-receiving.html (read 2026-12-01). Not confirmed on an official page: the French line 1-800-277-9915 and the hours (from 211 Ontario record MET1374, last full update 2023-08-11; kept from 0041 for stewards to confirm).',
  updated_at = now()
WHERE id = 'ca-pensions-phone' AND origin = 'seed';

UPDATE service_channels SET
  source_url = 'https://www.canada.ca/en/services/benefits/publicpensions/cpp/old-age-security.html',
  source_date = '2026-12-01',
  source_note = 'Official: the Canada.ca Old Age Security page itself, read 2026-12-01 (it shows no date modified; the copy read gave January 2025 amounts and a December 22, 2025 payment date). Its French page was not read, so url_fr stays empty.',
  updated_at = now()
WHERE id = 'ca-pensions-online' AND origin = 'seed';

UPDATE service_channels SET
  source_url = 'https://bac-lac.wayback.archive-it.org/web/20071116003114/http://www.servicecanada.gc.ca/fr/gdc/passeport.shtml',
  source_date = '2007-11-16',
  source_note = 'Official: "Renseignements généraux : 1 800 567-6868; ATS : 1 866 255-7655" on Service Canada''s Passports page (French), archived by Library and Archives Canada on 2007-11-16 (source_url). Not confirmed on an official page: the hours (from Ontario Health Line record 16072; kept from 0041 for stewards to confirm). No current Canada.ca passport contact page could be read.',
  updated_at = now()
WHERE id = 'ca-passport-phone' AND origin = 'seed';

UPDATE service_channels SET
  source_url = 'https://www.canada.ca/en/employment-social-development/programs/ei/ei-list/reports/service-quality-review-report.html',
  source_date = '2026-12-01',
  hours_en = '8:00 a.m. to 5:00 p.m., callers'' local time.',
  hours_fr = 'De 8 h à 17 h, heure locale de l''appelant.',
  source_note = 'Official: "1 800 O-Canada (1-800-622-6232) ... TTY 1-800-926-9105" on the Canada.ca EI Service Quality Review Report page, read 2026-12-01 (no date shown); the same numbers on https://www.canada.ca/fr/emploi-developpement-social/ministere/service-canada/rapports/sv.html and on the Service Canada Service Standards page http://www.servicecanada.gc.ca/eng/about/reports/corp/oss.shtml (2013). Hours: "1 800 O-Canada hours of operation are 8:00 a.m. to 5:00 p.m. callers'' local time", ESDC Question Period Note FCSD_june2023_015, received 2023-06-28 (https://search.open.canada.ca/qpnotes/record/esdc-edsc,FCSD_june2023_015); the note names no days.',
  updated_at = now()
WHERE id = 'ca-1-800-o-canada' AND origin = 'seed';

DO $$
DECLARE
  missing text;
BEGIN
  SELECT string_agg(want.id, ', ' ORDER BY want.id) INTO missing
  FROM unnest(ARRAY['ca-ei-phone', 'ca-pensions-phone', 'ca-pensions-online', 'ca-passport-phone', 'ca-1-800-o-canada']) AS want(id)
  WHERE NOT EXISTS (
    SELECT 1 FROM service_channels c
    WHERE c.id = want.id AND c.origin = 'seed' AND c.source_note LIKE 'Official:%');
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'seeded federal channels not re-sourced (missing, or refused by row-level security): %', missing;
  END IF;
END $$;

-- Further federal channels read on official pages. Categories are codes of
-- 0022. Hours and languages are left empty where the page did not state them.
INSERT INTO service_channels (id, jurisdiction_id, kind, name_en, name_fr, categories, is_general, url_en, url_fr,
  phone, phone_fr, tty, hours_en, hours_fr, languages, provinces, origin, source_url, source_date, source_note) VALUES
  ('ca-cra-individual-phone', 'ca', 'phone',
   'Canada Revenue Agency (individuals)', 'Agence du revenu du Canada (particuliers)',
   '{tax_services}', false, NULL, NULL,
   '1-800-959-8281', NULL, '1-800-665-0354', NULL, NULL,
   '{}', NULL, 'seed',
   'https://www.canada.ca/en/revenue-agency/services/forms-publications/publications/t4055/t4055-newcomers-canada.html', '2026-12-01',
   'Official: the CRA pamphlet T4055(E) Rev. 23, Newcomers to Canada, says "For more information, go to Order alternate formats for persons with disabilities or call 1-800-959-8281" (read 2026-12-01, no date shown); the page does not call the line "individual tax enquiries" or state its hours. The same number in the Income Tax and Benefit Guide 5000-G(E) Rev. 22 (https://canada.ca/en/revenue-agency/services/forms-publications/tax-packages-years/archived-general-income-tax-benefit-package-2022/5000-g/income-tax-benefit-guide.html). TTY 1-800-665-0354: the CRA''s teletypewriter line on https://www.canada.ca/en/revenue-agency/services/about-canada-revenue-agency-cra/when-you-money-collections-cra/contact-canada-revenue-agency-about-your-debt.html (read 2026-12-01). No French number was read.'),
  ('ca-ccb-phone', 'ca', 'phone',
   'Canada child benefit (Canada Revenue Agency)', 'Allocation canadienne pour enfants (Agence du revenu du Canada)',
   '{child_benefits}', false, NULL, NULL,
   '1-800-387-1193', NULL, '1-800-665-0354', NULL, NULL,
   '{}', NULL, 'seed',
   'https://www.canada.ca/en/revenue-agency/services/forms-publications/publications/t4114/canada-child-benefit.html', '2026-12-01',
   'Official: the CRA booklet T4114(E) Rev. 23, Canada Child Benefit (July 2023 to June 2024), says "For more information, go to Order an alternate format or call 1-800-387-1193" (read 2026-12-01, no date shown). TTY 1-800-665-0354: the CRA''s teletypewriter line on https://www.canada.ca/en/revenue-agency/services/about-canada-revenue-agency-cra/when-you-money-collections-cra/contact-canada-revenue-agency-about-your-debt.html (read 2026-12-01). The pages read state neither the line''s hours nor its French number.'),
  ('ca-ei-online', 'ca', 'online',
   'Apply for Employment Insurance regular benefits (Canada.ca)', 'Demander des prestations régulières d''assurance-emploi (Canada.ca)',
   '{employment_insurance}', false,
   'https://www.canada.ca/en/services/benefits/ei/ei-regular-benefit/apply.html',
   'https://www.canada.ca/fr/services/prestations/ae/assurance-emploi-reguliere/demande.html',
   NULL, NULL, NULL, NULL, NULL,
   '{en,fr}', NULL, 'seed',
   'https://www.canada.ca/en/services/benefits/ei/ei-regular-benefit/apply.html', '2026-12-01',
   'Official: the Canada.ca pages "EI Regular Benefits - Apply" ("you must submit an application online") and its French page "Assurance-emploi et prestations régulières : Présenter une demande", both read 2026-12-01 (no date shown).'),
  ('ca-msca-online', 'ca', 'online',
   'My Service Canada Account', 'Mon dossier Service Canada',
   '{employment_insurance,pensions}', false,
   'https://www.canada.ca/en/employment-social-development/services/my-account.html', NULL,
   NULL, NULL, NULL, NULL, NULL,
   '{en,fr}', NULL, 'seed',
   'https://www.canada.ca/en/employment-social-development/services/my-account.html', '2026-12-01',
   'Official: the Canada.ca My Service Canada Account page ("view and update your information for Employment Insurance (EI), Canada Pension Plan (CPP), Canada Pension Plan disability and Old Age Security (OAS)"), read 2026-12-01 (no date shown). The French name is used on https://www.canada.ca/fr/services/prestations/pensionspubliques/rpc/securite-vieillesse/demande.html; the French page of the account itself was not read, so url_fr stays empty.'),
  ('ca-cra-my-account-online', 'ca', 'online',
   'My Account for individuals (Canada Revenue Agency)', 'Mon dossier pour les particuliers (Agence du revenu du Canada)',
   '{tax_services,child_benefits}', false,
   'https://www.canada.ca/en/revenue-agency/services/e-services/digital-services-individuals/account-individuals/about-account.html', NULL,
   NULL, NULL, NULL, NULL, NULL,
   '{}', NULL, 'seed',
   'https://www.canada.ca/en/revenue-agency/services/e-services/digital-services-individuals/account-individuals/about-account.html', '2026-12-01',
   'Official: the Canada.ca page "CRA account help - About My Account" ("view and manage your personal income tax and benefit information"), read 2026-12-01 (no date shown). Its French page was not read, so url_fr stays empty and the French name is a translation.');

-- Published call-centre standards read on official pages. A standard a steward
-- has already set for the same channel is kept (DO NOTHING).
INSERT INTO service_standards (target_kind, target_id, jurisdiction_id, text_en, text_fr, target_pct, target_minutes, origin, source_url, source_date)
VALUES
  ('channel', 'ca-pensions-phone', 'ca',
   '80% of calls answered by an agent within 10 minutes.', '80 % des appels répondus par un agent en moins de 10 minutes.',
   80, 10, 'seed',
   'https://www.canada.ca/en/employment-social-development/corporate/transparency/service-standards.html', '2026-12-01'),
  ('channel', 'ca-1-800-o-canada', 'ca',
   '80% of general enquiry calls answered by an agent within 18 seconds.', '80 % des appels de renseignements généraux répondus par un agent en moins de 18 secondes.',
   80, 0.3, 'seed',
   'https://www.canada.ca/en/employment-social-development/corporate/transparency/service-standards.html', '2026-12-01')
ON CONFLICT (target_kind, target_id) DO NOTHING;
