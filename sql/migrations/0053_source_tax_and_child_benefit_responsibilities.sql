-- Who handles tax help and child benefits, from official pages instead of the
-- blanket rule of 0040 (which put the province first everywhere).
--
-- Tax: "The Canada Revenue Agency (CRA) collects income taxes for the federal
-- government, the provinces other than Quebec and the territories. Revenu Québec
-- collects Quebec income tax from Quebec residents." (Financial Consumer Agency
-- of Canada, "Who charges you income tax"), and the CRA's page "Provincial and
-- territorial tax and credits for individuals": the CRA "collects and
-- administers the individual income taxes for the governments, except for the
-- province of Quebec". So outside Quebec a person's tax questions go to the CRA
-- first; in Quebec, Revenu Québec first for the Quebec return, the CRA for the
-- federal one.
--
-- Child benefits: the Canada child benefit is a federal benefit paid by the CRA
-- everywhere, Quebec included, and the CRA pays several provincial and
-- territorial child benefits with it (the CRA's "Canada child benefit" pages and
-- booklet T4114). Quebec runs its own Family Allowance (Retraite Québec), which
-- a Quebec family asks Quebec for. So outside Quebec: the federal government
-- first; in Quebec: Quebec first, the federal government also.
--
-- Each row now carries its source and the day it was checked; rows a steward
-- has changed (origin 'steward') are left as the steward set them.

ALTER TABLE category_responsibilities
  ADD COLUMN source_url text,
  ADD COLUMN source_checked_on date,
  ADD COLUMN source_note text;
COMMENT ON COLUMN category_responsibilities.source_url IS 'The official page that says this order of government handles the category here.';
COMMENT ON COLUMN category_responsibilities.source_checked_on IS 'When the source was read.';
COMMENT ON COLUMN category_responsibilities.source_note IS 'What the source says, in short, and how it was read.';

-- Tax help, outside Quebec: the CRA first, the province or territory also (its own credits are claimed on the same return).
UPDATE category_responsibilities SET
  rank = CASE WHEN level = 'federal' THEN 1 ELSE 2 END,
  source_url = 'https://www.canada.ca/en/financial-consumer-agency/services/financial-toolkit/taxes-quebec/taxes-quebec-2/2.html',
  source_checked_on = DATE '2026-12-06',
  source_note = 'Canada.ca (Financial Consumer Agency of Canada), "Who charges you income tax": the CRA collects income taxes for the federal government, the provinces other than Quebec and the territories. Also the CRA page "Provincial and territorial tax and credits for individuals" (https://www.canada.ca/en/revenue-agency/services/tax/individuals/topics/about-your-tax-return/tax-return/completing-a-tax-return/provincial-territorial-tax-credits-individuals.html). Read in stored copies of the pages.'
WHERE category_code = 'tax_services' AND province <> 'QC' AND level IN ('federal', 'provincial', 'territorial') AND origin = 'seed';

-- Tax help in Quebec: Revenu Québec first (the Quebec return), the CRA also (the federal return).
UPDATE category_responsibilities SET
  rank = CASE WHEN level = 'provincial' THEN 1 ELSE 2 END,
  source_url = 'https://www.canada.ca/en/financial-consumer-agency/services/financial-toolkit/taxes-quebec/taxes-quebec-2/2.html',
  source_checked_on = DATE '2026-12-06',
  source_note = 'Canada.ca (Financial Consumer Agency of Canada), "Who charges you income tax": Revenu Québec collects Quebec income tax from Quebec residents; the CRA collects the federal income tax. Read in a stored copy of the page.'
WHERE category_code = 'tax_services' AND province = 'QC' AND level IN ('federal', 'provincial') AND origin = 'seed';

-- Child benefits, outside Quebec: the Canada child benefit (CRA) first, with the provincial or territorial benefits it pays.
UPDATE category_responsibilities SET
  rank = CASE WHEN level = 'federal' THEN 1 ELSE 2 END,
  source_url = 'https://www.canada.ca/en/revenue-agency/services/child-family-benefits/canada-child-benefit-overview.html',
  source_checked_on = DATE '2026-12-06',
  source_note = 'Canada.ca (CRA), "Canada child benefit": a federal benefit the CRA pays monthly, with related provincial and territorial benefits (booklet T4114, https://www.canada.ca/en/revenue-agency/services/forms-publications/publications/t4114/canada-child-benefit.html, cited in 0052). Read in stored copies of the pages.'
WHERE category_code = 'child_benefits' AND province <> 'QC' AND level IN ('federal', 'provincial', 'territorial') AND origin = 'seed';

-- Child benefits in Quebec: Quebec''s Family Allowance (Retraite Québec) first, the Canada child benefit also.
UPDATE category_responsibilities SET
  rank = CASE WHEN level = 'provincial' THEN 1 ELSE 2 END,
  source_url = 'https://www.retraitequebec.gouv.qc.ca/en/enfants/allocation-famille/Pages/je-suis-un-nouveau-parent.aspx',
  source_checked_on = DATE '2026-12-06',
  source_note = 'Retraite Québec, "I am a new parent": Family Allowance for families living in Québec, paid by Retraite Québec; the Canada child benefit is still paid by the CRA in Quebec. Read in a stored copy of the page.'
WHERE category_code = 'child_benefits' AND province = 'QC' AND level IN ('federal', 'provincial') AND origin = 'seed';
