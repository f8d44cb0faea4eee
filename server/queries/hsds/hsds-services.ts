import { createHash } from 'node:crypto';
import type { Database } from '../../db/database.js';
import { sqlFile } from '../sql-file.js';

interface Row {
  total: number;
  service_id: string;
  organization_id: string;
  location_id: string;
  service_at_location_id: string;
  point_id: string;
  name_en: string;
  name_fr: string | null;
  organization: string | null;
  categories: string[];
  address: string | null;
  city: string | null;
  province: string | null;
  postal_code: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  hours: unknown;
  languages: string[];
  accessibility: string[];
  lon: number | null;
  lat: number | null;
  jurisdiction_id: string;
  level: string;
  jurisdiction_name_en: string;
  jurisdiction_name_fr: string;
  jurisdiction_website: string | null;
  feed_id: string;
  feed_name_en: string;
  licence: string | null;
  source_url: string | null;
  updated_at: Date | string | null;
}

export interface HsdsFeed {
  id: string;
  jurisdiction_id: string;
  name_en: string;
  name_fr: string;
  licence: string | null;
  attribution_en: string | null;
  attribution_fr: string | null;
  source_url: string | null;
  is_synthetic: boolean;
  version_id: number;
  published_at: Date | string | null;
  points: number;
}

/** A stable UUID for a child record (phone, schedule ...): same input, same id, on every export. */
function uuidOf(text: string): string {
  const h = createHash('md5').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

const BYDAY = ['', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const LANGUAGE_NAMES: Record<string, string> = { en: 'English', fr: 'French' };

function iso(d: Date | string | null): string | null {
  return d instanceof Date ? d.toISOString() : d;
}

/** Weekly intervals from the stored hours, when the feed's hours could be read; unknown hours give no schedule. */
function weekly(hours: unknown): { day: number; opens: string; closes: string }[] {
  const list = (hours as { weekly?: unknown } | null)?.weekly;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (w): w is { day: number; opens: string; closes: string } =>
      typeof w === 'object' && w !== null && Number.isInteger((w as { day: unknown }).day) && typeof (w as { opens: unknown }).opens === 'string' &&
      typeof (w as { closes: unknown }).closes === 'string',
  );
}

function organizationOf(r: Row) {
  return {
    id: r.organization_id,
    name: r.jurisdiction_name_en,
    alternate_name: r.jurisdiction_name_fr,
    description: `${r.jurisdiction_name_en} (${r.level} government) / ${r.jurisdiction_name_fr}`,
    email: null,
    website: r.jurisdiction_website,
    additional_websites: [],
    tax_status: null,
    tax_id: null,
    year_incorporated: null,
    legal_status: 'government',
    logo: null,
    uri: null,
    parent_organization_id: null,
    funding: [],
    contacts: [],
    phones: [],
    locations: [],
    programs: [],
    organization_identifiers: [],
    attributes: [],
    metadata: [],
  };
}

/** One published service point as a full HSDS 3.0 service (organization, location, phones, schedules nested). */
function serviceOf(r: Row) {
  const schedules = weekly(r.hours).map((w) => ({
    id: uuidOf(`schedule:${r.point_id}:${w.day}:${w.opens}:${w.closes}`),
    service_id: null,
    location_id: null,
    service_at_location_id: r.service_at_location_id,
    valid_from: null, valid_to: null, dtstart: null, timezone: null, until: null, count: null, wkst: 'MO',
    freq: 'WEEKLY', interval: 1, byday: BYDAY[w.day] ?? null, byweekno: null, bymonthday: null, byyearday: null,
    description: typeof (r.hours as { text?: unknown } | null)?.text === 'string' ? (r.hours as { text: string }).text : null,
    opens_at: w.opens, closes_at: w.closes, schedule_link: null, attending_type: 'in_person', notes: null, attributes: [], metadata: [],
  }));
  const phones = r.phone
    ? [{ id: uuidOf(`phone:${r.point_id}`), location_id: null, service_id: r.service_id, organization_id: null, contact_id: null,
        service_at_location_id: null, number: r.phone, extension: null, type: 'voice', description: null, languages: [], attributes: [], metadata: [] }]
    : [];
  const languages = r.languages.map((code) => ({
    id: uuidOf(`language:${r.point_id}:${code}`), service_id: r.service_id, location_id: null, phone_id: null,
    name: LANGUAGE_NAMES[code] ?? code, code, note: null, attributes: [], metadata: [],
  }));
  const location = {
    id: r.location_id,
    location_type: 'physical',
    url: null,
    organization_id: r.organization_id,
    name: r.name_en,
    alternate_name: r.name_fr,
    description: null,
    transportation: null,
    latitude: r.lat,
    longitude: r.lon,
    external_identifier: r.point_id,
    external_identifier_type: 'service-point-finder point id',
    languages: [],
    addresses: r.address || r.city || r.postal_code
      ? [{
          id: uuidOf(`address:${r.point_id}`), location_id: r.location_id, attention: null, address_1: r.address ?? '', address_2: null,
          city: r.city ?? '', region: null, state_province: r.province ?? '', postal_code: r.postal_code ?? '', country: 'CA',
          address_type: 'physical', attributes: [], metadata: [],
        }]
      : [],
    contacts: [],
    accessibility: r.accessibility.map((a) => ({
      id: uuidOf(`accessibility:${r.point_id}:${a}`), location_id: r.location_id, description: a, details: null, url: null, attributes: [], metadata: [],
    })),
    phones: [],
    schedules: [],
    attributes: [],
    metadata: [],
  };
  return {
    id: r.service_id,
    organization_id: r.organization_id,
    program_id: null,
    name: r.name_en,
    alternate_name: r.name_fr,
    description: r.categories.length > 0 ? `Services: ${r.categories.join(', ')}` : null,
    url: r.website,
    email: r.email,
    status: 'active',
    interpretation_services: null,
    application_process: null,
    fees_description: null,
    accreditations: null,
    eligibility_description: null,
    minimum_age: null,
    maximum_age: null,
    assured_date: null,
    assurer_email: null,
    alert: null,
    last_modified: iso(r.updated_at),
    phones,
    schedules: [],
    service_areas: [],
    service_at_locations: [
      {
        id: r.service_at_location_id, service_id: r.service_id, location_id: r.location_id, description: null,
        service_areas: [], contacts: [], phones: [], schedules, location, attributes: [], metadata: [],
      },
    ],
    languages,
    organization: organizationOf(r),
    funding: [],
    cost_options: [],
    program: null,
    required_documents: [],
    contacts: [],
    attributes: r.categories.map((code) => ({
      id: uuidOf(`attribute:${r.point_id}:${code}`), link_id: r.service_id, taxonomy_term_id: uuidOf(`taxonomy-term:${code}`),
      link_type: 'service', link_entity: 'service', value: null, label: code,
      taxonomy_term: { id: uuidOf(`taxonomy-term:${code}`), code, name: code, description: null, parent_id: null, taxonomy: 'service-point-finder categories', language: 'en', taxonomy_id: null, term_uri: null },
      metadata: [],
    })),
    metadata: [],
    // Where the record comes from: the feed and its licence (not an HSDS field; clients ignore it).
    source: { point_id: r.point_id, feed_id: r.feed_id, feed_name: r.feed_name_en, licence: r.licence, source_url: r.source_url },
  };
}

export type HsdsService = ReturnType<typeof serviceOf>;

/** A page of HSDS services (HSDS 3.0 API "Page" shape), 1-based. */
export async function hsdsServicesPage(db: Database, p: { page: number; perPage: number; feedId: string | null }) {
  const r = await db.query<Row>(sqlFile('hsds_services'), [p.feedId, null, p.perPage, (p.page - 1) * p.perPage]);
  const total = r.rows[0]?.total ?? 0;
  const contents = r.rows.filter((row) => row.service_id !== null).map(serviceOf);
  const totalPages = Math.max(1, Math.ceil(total / p.perPage));
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: p.page,
    size: contents.length,
    first_page: p.page === 1,
    last_page: p.page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

export async function hsdsService(db: Database, id: string): Promise<HsdsService | null> {
  const r = await db.query<Row>(sqlFile('hsds_services'), [null, id, 1, 0]);
  const row = r.rows[0];
  return row && row.service_id !== null ? serviceOf(row) : null;
}

/** Every published service of one feed (or of all feeds), with the feeds and their licences. */
export async function hsdsExport(db: Database, feedId: string | null) {
  const feeds = (await db.query<HsdsFeed>(sqlFile('hsds_feeds'), [feedId])).rows;
  const services: HsdsService[] = [];
  const organizations = new Map<string, ReturnType<typeof organizationOf>>();
  const CHUNK = 5000;
  for (let offset = 0; ; offset += CHUNK) {
    const r = await db.query<Row>(sqlFile('hsds_services'), [feedId, null, CHUNK, offset]);
    const rows = r.rows.filter((row) => row.service_id !== null);
    for (const row of rows) {
      services.push(serviceOf(row));
      if (!organizations.has(row.organization_id)) organizations.set(row.organization_id, organizationOf(row));
    }
    if (rows.length < CHUNK) break;
  }
  return {
    hsds_version: '3.0',
    generated_at: new Date().toISOString(),
    feeds: feeds.map((f) => ({ ...f, published_at: iso(f.published_at) })),
    organizations: [...organizations.values()],
    services,
  };
}
