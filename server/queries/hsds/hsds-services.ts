import type { HsdsExport, HsdsServicesPage } from '../../../contract/hsds.js';
import type { Database } from '../../../db/database.js';
import { sqlFile } from '../../../db/sql-file.js';
import { channelServiceOf, hsdsChannelRows, type HsdsChannelService } from './hsds-channel-services.js';
import { iso, languageOf, organizationOf, uuidOf, withoutNulls, type HsdsSourceColumns } from './hsds-record-parts.js';

/** A row of sql/queries/hsds_services.sql: one published point as an HSDS service at its location. */
interface Row extends HsdsSourceColumns {
  total: number;
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

const BYDAY = ['', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** Weekly intervals from the stored hours, when the feed's hours could be read; unknown hours give no schedule. */
function weekly(hours: unknown): { day: number; opens: string; closes: string }[] {
  const list = (hours as { weekly?: unknown } | null)?.weekly;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (w): w is { day: number; opens: string; closes: string } =>
      typeof w === 'object' &&
      w !== null &&
      Number.isInteger((w as { day: unknown }).day) &&
      typeof (w as { opens: unknown }).opens === 'string' &&
      typeof (w as { closes: unknown }).closes === 'string',
  );
}

/**
 * The point's weekly hours as HSDS schedules, linked to its location or to its
 * service at that location. The export writes both: the location's are what an
 * HSDS reader (data-loaders/lib/read-feed-hsds.ts among them) takes as a
 * location's own hours before it falls back to its services' schedules (a
 * call centre's, when the point carries a phone channel).
 */
function schedulesOf(r: Row, link: { location_id: string | null; service_at_location_id: string | null }) {
  const text = (r.hours as { text?: unknown } | null)?.text;
  return weekly(r.hours).map((w) => ({
    id: uuidOf(`schedule:${r.point_id}:${link.location_id ? 'location:' : ''}${w.day}:${w.opens}:${w.closes}`),
    service_id: null,
    location_id: link.location_id,
    service_at_location_id: link.service_at_location_id,
    valid_from: null,
    valid_to: null,
    dtstart: null,
    timezone: null,
    until: null,
    count: null,
    wkst: 'MO',
    freq: 'WEEKLY',
    interval: 1,
    byday: BYDAY[w.day] ?? null,
    byweekno: null,
    bymonthday: null,
    byyearday: null,
    description: typeof text === 'string' ? text : null,
    opens_at: w.opens,
    closes_at: w.closes,
    schedule_link: null,
    attending_type: 'in_person',
    notes: null,
    attributes: [],
    metadata: [],
  }));
}

/** The point's physical location (address, accessibility, hours), shared by every service offered there. */
function locationOf(r: Row) {
  return withoutNulls({
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
    addresses:
      r.address || r.city || r.postal_code
        ? [
            {
              id: uuidOf(`address:${r.point_id}`),
              location_id: r.location_id,
              attention: null,
              address_1: r.address ?? '',
              address_2: null,
              city: r.city ?? '',
              region: null,
              state_province: r.province ?? '',
              postal_code: r.postal_code ?? '',
              country: 'CA',
              address_type: 'physical',
              attributes: [],
              metadata: [],
            },
          ]
        : [],
    contacts: [],
    accessibility: r.accessibility.map((a) => ({
      id: uuidOf(`accessibility:${r.point_id}:${a}`),
      location_id: r.location_id,
      description: a,
      details: null,
      url: null,
      attributes: [],
      metadata: [],
    })),
    phones: [],
    schedules: schedulesOf(r, { location_id: r.location_id, service_at_location_id: null }),
    attributes: [],
    metadata: [],
  });
}

export type HsdsLocation = ReturnType<typeof locationOf>;

/** One published service point as a full HSDS 3.0 service (organization, location, phones, schedules nested). */
function serviceOf(r: Row, location: HsdsLocation = locationOf(r)) {
  const phones = r.phone
    ? [
        {
          id: uuidOf(`phone:${r.point_id}`),
          location_id: null,
          service_id: r.service_id,
          organization_id: null,
          contact_id: null,
          service_at_location_id: null,
          number: r.phone,
          extension: null,
          type: 'voice',
          description: null,
          languages: [],
          attributes: [],
          metadata: [],
        },
      ]
    : [];
  const service = withoutNulls({
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
        id: r.service_at_location_id,
        service_id: r.service_id,
        location_id: r.location_id,
        description: null,
        service_areas: [],
        contacts: [],
        phones: [],
        schedules: schedulesOf(r, { location_id: null, service_at_location_id: r.service_at_location_id }),
        attributes: [],
        metadata: [],
      },
    ],
    languages: r.languages.map((code) => languageOf(code, r.point_id, { service_id: r.service_id, phone_id: null })),
    organization: organizationOf(r),
    funding: [],
    cost_options: [],
    program: null,
    required_documents: [],
    contacts: [],
    attributes: r.categories.map((code) => ({
      id: uuidOf(`attribute:${r.point_id}:${code}`),
      link_id: r.service_id,
      taxonomy_term_id: uuidOf(`taxonomy-term:${code}`),
      link_type: 'service',
      link_entity: 'service',
      value: null,
      label: code,
      taxonomy_term: {
        id: uuidOf(`taxonomy-term:${code}`),
        code,
        name: code,
        // HSDS 3.0 requires a description of every term.
        description: `Service category "${code}" of the service point finder's taxonomy (GET /api/categories).`,
        parent_id: null,
        taxonomy: 'service-point-finder categories',
        language: 'en',
        taxonomy_id: null,
        term_uri: null,
      },
      metadata: [],
    })),
    metadata: [],
    // Where the record comes from: the feed and its licence (not an HSDS field; clients ignore it).
    source: {
      point_id: r.point_id,
      feed_id: r.feed_id,
      feed_name: r.feed_name_en,
      licence: r.licence,
      source_url: r.source_url,
    },
  });
  // The location is attached after null members are left out, so that the channels offered there share the one object.
  const [sal] = service.service_at_locations;
  return { ...service, service_at_locations: sal ? [{ ...sal, location }] : [] };
}

export type HsdsService = ReturnType<typeof serviceOf>;

/** A page of HSDS services (HSDS 3.0 API "Page" shape), 1-based: the points' services. */
export async function hsdsServicesPage(
  db: Database,
  p: { page: number; perPage: number; feedId: string | null },
): Promise<HsdsServicesPage> {
  const r = await db.query<Row>(sqlFile('hsds_services'), [p.feedId, null, p.perPage, (p.page - 1) * p.perPage, null]);
  const total = r.rows[0]?.total ?? 0;
  const contents = r.rows.filter((row) => row.service_id !== null).map((row) => serviceOf(row));
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

/** One service by its HSDS id: a point's, else a channel's (offered at the locations of the points that carry it). */
export async function hsdsService(db: Database, id: string): Promise<HsdsService | HsdsChannelService | null> {
  const r = await db.query<Row>(sqlFile('hsds_services'), [null, id, 1, 0, null]);
  const row = r.rows[0];
  if (row && row.service_id !== null) return serviceOf(row);
  const [channel] = await hsdsChannelRows(db, { feedId: null, serviceId: id });
  if (!channel) return null;
  const locations = new Map<string, HsdsLocation>();
  if (channel.point_ids.length > 0) {
    const points = await db.query<Row>(sqlFile('hsds_services'), [
      channel.feed_id,
      null,
      channel.point_ids.length,
      0,
      channel.point_ids,
    ]);
    for (const p of points.rows) if (p.service_id !== null) locations.set(p.point_id, locationOf(p));
  }
  return channelServiceOf(channel, locations);
}

/**
 * Every published service of one feed (or of all feeds), with the feeds and
 * their licences: one service per point, then one per online or phone
 * channel, offered at the locations of the points that carry it.
 */
export async function hsdsExport(db: Database, feedId: string | null): Promise<HsdsExport> {
  const feeds = (await db.query<HsdsFeed>(sqlFile('hsds_feeds'), [feedId])).rows;
  const services: (HsdsService | HsdsChannelService)[] = [];
  const organizations = new Map<string, ReturnType<typeof organizationOf>>();
  const locations = new Map<string, HsdsLocation>();
  const CHUNK = 5000;
  for (let offset = 0; ; offset += CHUNK) {
    const r = await db.query<Row>(sqlFile('hsds_services'), [feedId, null, CHUNK, offset, null]);
    const rows = r.rows.filter((row) => row.service_id !== null);
    for (const row of rows) {
      const location = locationOf(row);
      locations.set(row.point_id, location);
      services.push(serviceOf(row, location));
      if (!organizations.has(row.organization_id)) organizations.set(row.organization_id, organizationOf(row));
    }
    if (rows.length < CHUNK) break;
  }
  for (const channel of await hsdsChannelRows(db, { feedId, serviceId: null })) {
    services.push(channelServiceOf(channel, locations));
    if (!organizations.has(channel.organization_id))
      organizations.set(channel.organization_id, organizationOf(channel));
  }
  return {
    hsds_version: '3.0',
    generated_at: new Date().toISOString(),
    feeds: feeds.map((f) => ({ ...f, published_at: iso(f.published_at) })),
    organizations: [...organizations.values()],
    services,
  };
}
