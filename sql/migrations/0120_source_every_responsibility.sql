-- Who handles each service, from official pages: every seeded row of
-- category_responsibilities that an official page supports now carries that
-- page (source_url), the day it was read (source_checked_on, 2026-12-06, read
-- in stored copies of the pages) and what the page says (source_note), as 0053
-- did for tax help and child benefits. Where a page contradicts the blanket
-- rule of 0040, the row is corrected:
--
--   * Ontario marriage licences are issued by the clerk of a city or town, so
--     the municipality comes first there (the province registers the marriage
--     and issues the certificate).
--   * Quebec issues no marriage licence: the officiant publishes a notice with
--     the registrar of civil status; the note says so in both languages.
--   * Ontario Works is delivered by municipalities and district social services
--     administration boards, so in Ontario the municipality comes first for
--     social assistance along with the province.
--   * In the Northwest Territories and Nunavut the territorial governments
--     administer income assistance themselves (Indigenous Services Canada), so
--     the "your Indigenous government" row for social assistance is removed there.
--   * Quebec selects its own permanent workers before IRCC grants permanent
--     residence, so Quebec is added (rank 2) for immigration in Quebec.
--   * Property tax, municipal permits and public libraries had the municipality
--     at rank 2 with nothing at rank 1 (0040 ranked every local government 2):
--     the municipality is where to go first. (Rank only; no source was found
--     for those rows, see docs/channels.md.)
--
-- Rows a steward has changed (origin 'steward') are left as the steward set
-- them. Rows with no official page that could be read keep an empty source and
-- are listed in docs/channels.md ("Rows without an official source").
-- A source_url is the address of the stored copy read; five are http-only
-- archived addresses, also listed in docs/channels.md.

-- ---------------------------------------------------------------- federal
UPDATE category_responsibilities SET
  source_url = 'https://www.canada.ca/en/immigration-refugees-citizenship/services/canadian-passports/submit-passport-service-canada.html',
  source_checked_on = DATE '2026-12-06',
  source_note = 'Canada.ca (IRCC), "What passport applications you can submit at a Service Canada Centre": over 300 Service Canada Centres offer passport services across the country; IRCC employees make the final decisions on all passport applications. Federal in every province and territory. Read in a stored copy of the page.'
WHERE category_code = 'passport' AND level = 'federal' AND origin = 'seed';

UPDATE category_responsibilities SET
  source_url = 'https://www.canada.ca/en/services/benefits/ei/ei-regular-benefit/apply.html',
  source_checked_on = DATE '2026-12-06',
  source_note = 'Canada.ca (Employment and Social Development Canada), "EI Regular Benefits - Apply": you apply online to Service Canada; the information is collected under the authority of the Employment Insurance Act. Federal in every province and territory. Read in a stored copy of the page.'
WHERE category_code = 'employment_insurance' AND level = 'federal' AND origin = 'seed';

UPDATE category_responsibilities SET
  source_url = 'https://www.canada.ca/en/employment-social-development/services/sin/apply.html',
  source_checked_on = DATE '2026-12-06',
  source_note = 'Canada.ca (ESDC), "Social Insurance Number - Apply": apply online, by mail to the Service Canada Social Insurance Registration Office (Bathurst, NB) or in person at Service Canada; no fee. Federal in every province and territory. Read in a stored copy of the page.'
WHERE category_code = 'social_insurance_number' AND level = 'federal' AND origin = 'seed';

UPDATE category_responsibilities SET
  source_url = 'https://www.canada.ca/en/financial-consumer-agency/services/financial-toolkit/retirement-pensions/retirement-pensions-2/2.html',
  source_checked_on = DATE '2026-12-06',
  source_note = 'Canada.ca (Financial Consumer Agency of Canada), "Public income programs": seniors receive the Canada Pension Plan (CPP) or the Quebec Pension Plan (QPP), and Old Age Security (OAS); "The CPP operates throughout Canada, except in Quebec." Read in a stored copy of the page.'
WHERE category_code = 'pensions' AND level = 'federal' AND province <> 'QC' AND origin = 'seed';

UPDATE category_responsibilities SET
  source_url = 'https://www.retraitequebec.gouv.qc.ca/en/flashretraite/Pages/capsule_retraite_006.aspx',
  source_checked_on = DATE '2026-12-06',
  source_note = 'Retraite Québec, "Public Retirement Plans: A Guaranteed Basic Income": Canada''s public pensions (the Old Age Security pension, the Guaranteed Income Supplement, the Allowances) are administered by Service Canada on behalf of ESDC, for Quebec residents too. Read in a stored copy of the page.'
WHERE category_code = 'pensions' AND level = 'federal' AND province = 'QC' AND origin = 'seed';

UPDATE category_responsibilities SET
  source_url = 'https://www.canada.ca/en/financial-consumer-agency/services/financial-toolkit/retirement-pensions/retirement-pensions-2/2.html',
  source_checked_on = DATE '2026-12-06',
  source_note = 'Canada.ca (Financial Consumer Agency of Canada), "Public income programs": "The CPP operates throughout Canada, except in Quebec. The Province of Quebec administers the QPP for workers in Quebec." Also Retraite Québec, "Québec Pension Plan" (https://rrq.gouv.qc.ca/en/planification/5-etapes/sources_revenu_retraite/Pages/regime_rentes_quebec.aspx). Read in stored copies of the pages.'
WHERE category_code = 'pensions' AND level = 'provincial' AND province = 'QC' AND origin = 'seed';

UPDATE category_responsibilities SET
  source_url = 'https://www.canada.ca/en/immigration-refugees-citizenship/services/application/application-forms-guides/guide-0001-online-application-citizenship-certificate-adults-minors-proof-citizenship-section-3.html',
  source_checked_on = DATE '2026-12-06',
  source_note = 'Canada.ca (IRCC), guide CIT 0001, "Online Applications for a Citizenship Certificate (Proof of Citizenship)": citizenship certificates are applied for online to Immigration, Refugees and Citizenship Canada. Federal in every province and territory. Read in a stored copy of the page.'
WHERE category_code = 'immigration_citizenship' AND level = 'federal' AND origin = 'seed';

UPDATE category_responsibilities SET
  source_url = 'https://veterans.gc.ca/en/about-vac/our-values/mandate',
  source_checked_on = DATE '2026-12-06',
  source_note = 'Veterans Affairs Canada, "Mandate, Mission, Vision, Values and Ethics": VAC provides services and supports to Veterans, Canadian Armed Forces members, still-serving and retired RCMP members, their families, caregivers and survivors. Federal in every province and territory. Read in a stored copy of the page.'
WHERE category_code = 'veterans_services' AND level = 'federal' AND origin = 'seed';

UPDATE category_responsibilities SET
  source_url = 'https://www.sac-isc.gc.ca/eng/1100100032421/1572461539061',
  source_checked_on = DATE '2026-12-06',
  source_note = 'Indigenous Services Canada, "How to apply for a status card": the application form is available online, by mail through Public enquiries, in person at any ISC regional office, and in person at a First Nation office, if applicable. ISC first; a First Nation office also, where it takes applications. Read in a stored copy of the page.'
WHERE category_code = 'indian_status' AND level IN ('federal', 'indigenous') AND origin = 'seed';

UPDATE category_responsibilities SET
  source_url = 'https://tc.canada.ca/en/marine-transportation/vessel-licensing-registration/licensing-pleasure-craft/apply-manage-pleasure-craft-licence-pcl/apply-new-licence-manage-existing-licence',
  source_checked_on = DATE '2026-12-06',
  source_note = 'Transport Canada, "Apply for a new licence or manage an existing licence": to get a new pleasure craft licence you complete an online application (or apply by mail). Federal in every province and territory. Read in a stored copy of the page.'
WHERE category_code = 'pleasure_craft_licence' AND level = 'federal' AND origin = 'seed';

-- Immigration in Quebec: Quebec selects its permanent workers (a new row, rank 2).
INSERT INTO category_responsibilities (province, category_code, level, jurisdiction_id, rank, note_en, note_fr,
  source_url, source_checked_on, source_note)
VALUES ('QC', 'immigration_citizenship', 'provincial', 'ca-qc', 2,
  'Quebec selects its own permanent workers (the Québec selection certificate) before IRCC grants permanent residence; citizenship stays federal.',
  'Le Québec sélectionne ses travailleurs permanents (certificat de sélection du Québec) avant qu’IRCC accorde la résidence permanente; la citoyenneté reste fédérale.',
  'http://www.immigration-quebec.gouv.qc.ca/en/immigrate-settle/permanent-workers/official-immigration-application/selection-process/index.html',
  DATE '2026-12-06',
  'Gouvernement du Québec (Immigration Québec), "Selection process" for permanent workers: the official Quebec immigration application, assessed by the Ministère under Quebec''s own rules (points for knowledge of French, for example). Read in a stored copy of the page at its archived http address.')
ON CONFLICT (province, category_code, level) DO NOTHING;

-- ------------------------------------------- provincial and territorial cards and registries
UPDATE category_responsibilities SET
  source_url = 'https://www.canada.ca/en/health-canada/services/health-care-system/canada-health-care-system-medicare/provincial-territorial-health-care-resources.html?wbdisable=true',
  source_checked_on = DATE '2026-12-06',
  source_note = 'Canada.ca (Health Canada), "About health insurance cards": "Each province and territory manages its own health insurance plan and issues health cards to its residents." A health card is obtained by applying to the provincial or territorial government (the page lists all 13). Read in a stored copy of the page.'
WHERE category_code = 'health_card' AND level IN ('provincial', 'territorial') AND origin = 'seed';

UPDATE category_responsibilities SET
  source_url = 'http://www.youth.gc.ca/eng/life_events/drivers_license.shtml',
  source_checked_on = DATE '2026-12-06',
  source_note = 'Government of Canada (youth.gc.ca), "Getting Your Driver''s License": "In Canada, driver''s licences are issued by the government of the province or territory in which you reside." Also Global Affairs Canada (canadainternational.gc.ca), "Driving Licences": contact your provincial or territorial licensing office. Read in stored copies of the pages at their archived http addresses.'
WHERE category_code = 'drivers_licence' AND level IN ('provincial', 'territorial') AND origin = 'seed';

UPDATE category_responsibilities SET
  source_url = 'https://www.bac-lac.gc.ca/eng/discover/genealogy/topics/Pages/births-marriages-deaths.aspx',
  source_checked_on = DATE '2026-12-06',
  source_note = 'Library and Archives Canada, "Births, Marriage, and Deaths: Civil Registrations": "Today, the civil registration of births, marriages and deaths is a provincial and territorial responsibility"; it is not a federal jurisdiction. Also Statistics Canada, Vital Statistics FAQ (https://www.statcan.gc.ca/en/about/relevant/vscc/faq). Read in stored copies of the pages.'
WHERE category_code = 'vital_statistics' AND level IN ('provincial', 'territorial') AND origin = 'seed';

-- Business registration: the province or territory registers; federal incorporation (Corporations Canada) also.
UPDATE category_responsibilities SET
  source_url = 'https://bac-lac.wayback.archive-it.org/web/20071115100726/http:/www.ic.gc.ca/epic/site/cd-dgc.nsf/en/cs01359e.html',
  source_checked_on = DATE '2026-12-06',
  source_note = 'Corporations Canada (Industry Canada), Guide to Federal Incorporation, chapter 3, archived 2007-11-15 by Library and Archives Canada: "You will likely have to register your corporation in any province or territory where you carry on business. Registration is different from incorporation"; a corporation may incorporate federally once and register in any number of provinces and territories. Read in the archived copy.'
WHERE category_code = 'business_registration' AND level IN ('federal', 'provincial', 'territorial') AND origin = 'seed';

-- ------------------------------------------------------------- marriage licences
UPDATE category_responsibilities SET
  source_url = 'https://www2.snb.ca/content/snb/en/sites/vitalstatistics.html',
  source_checked_on = DATE '2026-12-06',
  source_note = 'Service New Brunswick, "Vital Statistics": the Vital Statistics Branch provides vital events documents for personal use (birth certificates, marriage licenses, death certificates). Read in a stored copy of the page.'
WHERE category_code = 'marriage_licence' AND province = 'NB' AND level = 'provincial' AND origin = 'seed';

UPDATE category_responsibilities SET
  source_url = 'http://www.programs.alberta.ca/Living/5962.aspx?Ns=364+6234&N=770',
  source_checked_on = DATE '2026-12-06',
  source_note = 'Government of Alberta (programs.alberta.ca), "Getting Married": "You will need to purchase a Marriage Licence from a registry agent in Alberta"; the officiant sends the registration to Vital Statistics. Read in a stored copy of the page at its archived http address.'
WHERE category_code = 'marriage_licence' AND province = 'AB' AND level = 'provincial' AND origin = 'seed';

-- Ontario: the city or town clerk issues the licence (first); the province registers the marriage (also).
UPDATE category_responsibilities SET
  rank = CASE WHEN level = 'municipal' THEN 1 ELSE 2 END,
  note_en = CASE WHEN level = 'municipal'
    THEN 'In Ontario, marriage licences are issued by the clerk of your city or town.'
    ELSE 'The province registers the marriage and issues the marriage certificate.' END,
  note_fr = CASE WHEN level = 'municipal'
    THEN 'En Ontario, les licences de mariage sont délivrées par le greffier de votre ville ou municipalité.'
    ELSE 'La province enregistre le mariage et délivre le certificat de mariage.' END,
  source_url = 'https://www.waterloo.ca/en/living/marriages-and-oaths.aspx',
  source_checked_on = DATE '2026-12-06',
  source_note = 'City of Waterloo, "Marriages and oaths": "We issue licences for people getting married in Ontario. A licence is valid anywhere in the province for 90 days"; order the marriage certificate from the Ontario government. Also City of Brampton, "Marriage Licences" (https://www.brampton.ca/EN/City-Hall/Marriage-Services/Pages/Marriage-Licences.aspx). Read in stored copies of the pages.'
WHERE category_code = 'marriage_licence' AND province = 'ON' AND level IN ('provincial', 'municipal') AND origin = 'seed';

-- Quebec: no licence; the officiant publishes a notice with the registrar of civil status.
UPDATE category_responsibilities SET
  note_en = 'Quebec issues no marriage licence: the officiant posts a notice of the marriage on the website of the registrar of civil status (Directeur de l''état civil) 20 days before the ceremony.',
  note_fr = 'Le Québec ne délivre pas de licence de mariage : le célébrant publie un avis du mariage sur le site du Directeur de l’état civil 20 jours avant la cérémonie.',
  source_url = 'https://www.quebec.ca/en/famille-et-soutien-aux-personnes/couple-famille/mariage-union-civile-ou-union-de-fait/officiant/legal-steps/before-ceremony',
  source_checked_on = DATE '2026-12-06',
  source_note = 'Québec.ca, "Before the civil marriage or union ceremony": the officiant draws up a notice of publication of the marriage and posts it on the website of the registrar of civil status for 20 days before the date of the marriage (unless the registrar grants a dispensation). Read in a stored copy of the page.'
WHERE category_code = 'marriage_licence' AND province = 'QC' AND level = 'provincial' AND origin = 'seed';

UPDATE category_responsibilities SET
  note_en = 'Mayors, municipal councillors and designated municipal officers may solemnize marriages in Quebec.',
  note_fr = 'Au Québec, les maires, les membres des conseils municipaux et les fonctionnaires municipaux désignés peuvent célébrer des mariages.',
  source_url = 'http://www.justice.gouv.qc.ca/english/publications/generale/celebrant-a.htm',
  source_checked_on = DATE '2026-12-06',
  source_note = 'Gouvernement du Québec (Justice), "Officiants": mayors, members of municipal or borough councils and municipal officers designated by the Minister of Justice may solemnize marriages and civil unions within their territory. Read in a stored copy of the page at its archived http address.'
WHERE category_code = 'marriage_licence' AND province = 'QC' AND level = 'municipal' AND origin = 'seed';

-- ------------------------------------------------------------- employment services
UPDATE category_responsibilities SET
  source_url = 'https://www.canada.ca/en/employment-social-development/programs/training-agreements/lmda.html',
  source_checked_on = DATE '2026-12-06',
  source_note = 'Canada.ca (ESDC), "About the Labour Market Development Agreements program": "While Canada provides funding under the LMDAs, provincial and territorial governments have the flexibility to design and deliver employment programs and services"; agreements with all 13 provinces and territories. So the province or territory first, the federal government (EI-funded, and Job Bank) also. Read in a stored copy of the page (stored at http://canada.ca/en/employment-social-development/programs/training-agreements/lmda.html).'
WHERE category_code = 'employment_services' AND level IN ('federal', 'provincial', 'territorial') AND origin = 'seed';

UPDATE category_responsibilities SET
  source_url = 'https://www.canada.ca/en/employment-social-development/programs/indigenous-skills-employment-training/stories.html',
  source_checked_on = DATE '2026-12-06',
  source_note = 'Canada.ca (ESDC), "Success stories: Indigenous Labour Market Programs": over 110 Indigenous organizations deliver the Indigenous Skills and Employment Training program across Canada, designing job-training services for their communities. Read in a stored copy of the page.'
WHERE category_code = 'employment_services' AND level = 'indigenous' AND origin = 'seed';

-- ------------------------------------------------------------- social assistance
UPDATE category_responsibilities SET
  source_url = 'https://sac-isc.gc.ca/eng/1618345382082/1618345423300',
  source_checked_on = DATE '2026-12-06',
  source_note = 'Indigenous Services Canada, "First Nations-led engagement on Income Assistance 2018 to 2020": income assistance on reserve is kept at standards reasonably comparable to the income assistance of the province of residence or Yukon; "The governments of Northwest Territories and Nunavut have independently administered their own income assistance programs since devolution." Read in a stored copy of the page.'
WHERE category_code = 'social_assistance' AND level IN ('provincial', 'territorial') AND origin = 'seed';

UPDATE category_responsibilities SET
  source_url = 'https://sac-isc.gc.ca/eng/1618345382082/1618345423300',
  source_checked_on = DATE '2026-12-06',
  source_note = 'Indigenous Services Canada, "First Nations-led engagement on Income Assistance 2018 to 2020": the Income Assistance Program serves eligible on-reserve residents in the provinces and Status First Nations in Yukon; First Nation income assistance administrators deliver it. Read in a stored copy of the page.'
WHERE category_code = 'social_assistance' AND level = 'indigenous' AND province NOT IN ('NT', 'NU') AND origin = 'seed';

-- Northwest Territories and Nunavut: the territory administers income assistance itself.
DELETE FROM category_responsibilities
WHERE category_code = 'social_assistance' AND level = 'indigenous' AND province IN ('NT', 'NU') AND origin = 'seed';

-- Ontario: Ontario Works is delivered by municipalities and DSSABs (first, with the province).
UPDATE category_responsibilities SET
  rank = 1,
  note_en = 'Ontario Works is delivered by your municipality or district social services administration board.',
  note_fr = 'Ontario au travail est offert par votre municipalité ou votre conseil d’administration des services sociaux de district.',
  source_url = 'https://ontario.ca/laws/regulation/R24369',
  source_checked_on = DATE '2026-12-06',
  source_note = 'Ontario e-Laws, O. Reg. 369/24 under the Ontario Works Act, 1997 (amending O. Reg. 136/98, Designation of Geographic Areas, Delivery Agents and Delivery Partners): the territories of the municipalities and district social services administration boards are the geographic areas, each with its designated delivery agent. Read in a stored copy of the page.'
WHERE category_code = 'social_assistance' AND province = 'ON' AND level = 'municipal' AND origin = 'seed';

-- ------------------------------------------------------------- local services: rank only
UPDATE category_responsibilities SET rank = 1
WHERE category_code IN ('property_tax', 'municipal_permits', 'library_services') AND level = 'municipal' AND origin = 'seed';
