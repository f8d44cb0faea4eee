import fs from 'node:fs';
import path from 'node:path';
import { fileChecksum } from '../lib/file-checksum.js';
import type { Gazetteer } from '../lib/gazetteer.js';
import { importRows } from '../lib/import-feed.js';
import type { LoadReport } from '../lib/load-report.js';
import { normalizeName } from '../../domain/normalize-name.js';
import type { PointRecord, FeedSpec } from '../lib/point-record.js';
import { findPostalCode } from '../lib/postal-code.js';
import { findProvince } from '../../domain/provinces.js';
import { readCsv } from '../lib/read-csv.js';
import { rowIssue } from '../lib/row-issue.js';
import { RowValidator, type RawFeedRow } from '../lib/validate-row.js';
import { resultOf } from './result-of.js';
import type { Source } from './source.js';

export const SERVICE_CANADA_FEED: FeedSpec = {
  id: 'service-canada-offices',
  jurisdiction_id: 'ca',
  name_en: 'Service Canada offices',
  name_fr: 'Bureaux de Service Canada',
  format: 'adapter',
  adapter: 'service-canada-offices',
  source_url: 'https://offices.service.canada.ca/en/Search',
  licence: 'Crown copyright (Government of Canada); no open licence stated for this list',
  attribution_en: 'Office list: Employment and Social Development Canada (Service Canada).',
  attribution_fr: 'Liste des bureaux : Emploi et Développement social Canada (Service Canada).',
};

/** What each kind of office offers, as service category codes. */
const SERVICES_BY_TYPE: Record<string, string[]> = {
  'service canada centre': ['employment_insurance', 'pensions', 'social_insurance_number', 'passport'],
  'passport office': ['passport'],
  'service canada centre and passport office consolidated': [
    'employment_insurance',
    'pensions',
    'social_insurance_number',
    'passport',
  ],
  'scheduled outreach site': ['employment_insurance', 'pensions', 'social_insurance_number'],
  'service delivery partner': ['employment_insurance', 'pensions', 'social_insurance_number'],
};

const TYPE_SUFFIX =
  /\s+(Service Canada Centre and Passport Office \(consolidated\)|Service Canada Centre and Passport Services|Service Canada Centre|Scheduled Outreach Site|Passport Office|Service Delivery Partner)$/i;

function languagesOf(text: string): string[] {
  const t = text.toLowerCase();
  const out: string[] = [];
  if (t.includes('english') || t.includes('anglais')) out.push('en');
  if (t.includes('french') || t.includes('français')) out.push('fr');
  return out;
}

/** The office id: the `rc` parameter of its page link. */
function officeId(link: string | undefined): string | null {
  if (!link) return null;
  try {
    return new URL(link).searchParams.get('rc');
  } catch {
    return null;
  }
}

interface OfficeAddress {
  address: string;
  city: string | null;
  postal_code: string | null;
}

/** "street[, suite]\nCity, Province-name\nPOSTALCODE" */
function parseAddress(text: string): OfficeAddress {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const postal = findPostalCode(text);
  const cityLine = lines.find((l, i) => i > 0 && /,/.test(l) && findProvince(l.split(',').pop() ?? ''));
  const city = cityLine ? cityLine.split(',').slice(0, -1).join(',').trim() : null;
  const street = lines.filter(
    (l) => l !== cityLine && !(postal && findPostalCode(l) === postal && l.replace(/\s/g, '').length <= 7),
  );
  return { address: street.join(', '), city, postal_code: postal };
}

async function readAddresses(pagesFile: string): Promise<Map<string, OfficeAddress>> {
  const out = new Map<string, OfficeAddress>();
  for await (const { record } of readCsv(pagesFile)) {
    const id = officeId(record['link']);
    if (id && record['address']) out.set(id, parseAddress(record['address']));
  }
  return out;
}

/**
 * The office list as rows of the one row schema: name, office id (the `rc` of
 * its page link), region, the address from the page file when there is one,
 * the services of its office type and its languages. The office's name is its
 * place label: an office with no address is located by the community it is
 * named after ("Kamloops Service Canada Centre").
 */
export async function* serviceCanadaRows(indexFile: string): AsyncGenerator<RawFeedRow> {
  const pagesFile = path.join(path.dirname(indexFile), 'file-pages.csv');
  const addresses = fs.existsSync(pagesFile) ? await readAddresses(pagesFile) : new Map<string, OfficeAddress>();
  for await (const { row, record } of readCsv(indexFile)) {
    const name = (record['name'] ?? record['page-header'] ?? '').trim();
    const id = officeId(record['link']);
    // Without an id the office cannot keep its public id from one version to the next.
    const issues = name && !id ? [rowIssue(row, 'link', record['link'], 'missing_id')] : [];
    // "Scarborough Service Canada Centre - Passport Services": the passport counter of a centre.
    const base = name.replace(/\s+-\s+Passport Services$/i, '').trim();
    const typeMatch = TYPE_SUFFIX.exec(base);
    const centerType = (record['center-type'] ?? typeMatch?.[1] ?? '').trim();
    const label = typeMatch ? base.slice(0, typeMatch.index).trim() : base;
    const addr = id ? addresses.get(id) : undefined;
    yield {
      row,
      values: {
        id,
        name,
        organization: 'Service Canada',
        address: addr?.address || null,
        city: addr?.city ?? null,
        postal_code: addr?.postal_code ?? null,
        province: record['region'] ?? null,
        categories: (SERVICES_BY_TYPE[normalizeName(centerType)] ?? []).join(';') || null,
        languages: languagesOf(record['center-lang'] ?? '').join(';') || null,
        website: record['link'] ?? null,
      },
      placeLabel: label,
      extra: { office_type: centerType, community_label: label },
      issues,
    };
  }
}

/** The office list through the row schema, geocoded offline; every row it cannot take is reported. */
export async function readServiceCanadaOffices(
  indexFile: string,
  gazetteer: Gazetteer,
  report: LoadReport,
): Promise<PointRecord[]> {
  const validator = new RowValidator({ gazetteer, report });
  const records: PointRecord[] = [];
  for await (const raw of serviceCanadaRows(indexFile)) {
    const record = validator.validate(raw);
    if (record) records.push(record);
  }
  return records;
}

export const serviceCanadaOffices: Source = {
  id: 'service-canada-offices',
  kind: 'feed',
  order: 100,
  title_en: 'Service Canada offices (office list)',
  title_fr: 'Bureaux de Service Canada (liste des bureaux)',
  jurisdiction_id: 'ca',
  official_url: SERVICE_CANADA_FEED.source_url ?? null,
  licence: SERVICE_CANADA_FEED.licence ?? '',
  attribution_en: SERVICE_CANADA_FEED.attribution_en ?? '',
  attribution_fr: SERVICE_CANADA_FEED.attribution_fr ?? '',
  recognises: (p) => /(^|\/)service-canada\/file-index\.csv$/.test(p),
  companion: (p) => /(^|\/)service-canada\/file-pages\.csv$/.test(p),
  async load({ db, file, log, gazetteer, onProgress }) {
    if (!file) {
      // The official office finder has no open-data download; a file is required.
      return {
        source: this.id,
        file: null,
        status: 'failed',
        rows: 0,
        accepted: 0,
        rejected: 0,
        detail: 'No open-data download exists for this list: give --file PATH (the office index CSV).',
      };
    }
    const pages = path.join(path.dirname(file), 'file-pages.csv');
    const checksum = await fileChecksum(...[file, ...(fs.existsSync(pages) ? [pages] : [])]);
    const outcome = await importRows(db, SERVICE_CANADA_FEED, {
      checksum,
      sourceName: path.basename(file),
      publish: true,
      gazetteer,
      onProgress,
      rows: () => serviceCanadaRows(file),
    });
    const g = outcome.report.geocode;
    log(
      `located: ${g.address} by address, ${g.postal_code} by postal code, ${g.community} by community, ${g.none} not located`,
    );
    return resultOf(this.id, file, outcome);
  },
};
