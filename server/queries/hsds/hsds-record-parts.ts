import { createHash } from 'node:crypto';

/** A stable UUID for a child record (phone, schedule ...): same input, same id, on every export. */
export function uuidOf(text: string): string {
  const h = createHash('md5').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export function iso(d: Date | string | null): string | null {
  return d instanceof Date ? d.toISOString() : d;
}

const LANGUAGE_NAMES: Record<string, string> = { en: 'English', fr: 'French' };

/** An HSDS language record; `link` says what speaks it (a service or one of its phones). */
export function languageOf(code: string, key: string, link: { service_id: string | null; phone_id: string | null }) {
  return {
    id: uuidOf(`language:${key}:${code}`),
    service_id: link.service_id,
    location_id: null,
    phone_id: link.phone_id,
    name: LANGUAGE_NAMES[code] ?? code,
    code,
    note: null,
    attributes: [],
    metadata: [],
  };
}

/** The columns every HSDS export row carries: who offers the service, and the feed it comes from. */
export interface HsdsSourceColumns {
  service_id: string;
  organization_id: string;
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

/** What the organization record needs: the jurisdiction that offers the service. */
export interface OrganizationSource {
  organization_id: string;
  level: string;
  jurisdiction_name_en: string;
  jurisdiction_name_fr: string;
  jurisdiction_website: string | null;
}

/** The jurisdiction as an HSDS organization. */
export function organizationOf(r: OrganizationSource) {
  return withoutNulls({
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
  });
}

/** T with its null members left out (an absent optional field), at every depth. */
export type WithoutNulls<T> = T extends (infer U)[]
  ? WithoutNulls<U>[]
  : T extends object
    ? { [K in keyof T as null extends T[K] ? never : K]: WithoutNulls<T[K]> } & {
        [K in keyof T as null extends T[K] ? K : never]?: WithoutNulls<Exclude<T[K], null>>;
      }
    : T;

/**
 * The record without its null members. HSDS 3.0 types optional fields as
 * strings, numbers or arrays, never null: an unknown value is an absent
 * field, so the export validates against the schemas (the official ones in data-loaders/schemas/hsds-3.0-official).
 */
export function withoutNulls<T>(value: T): WithoutNulls<T> {
  if (Array.isArray(value)) return value.map((v: unknown) => withoutNulls(v)) as WithoutNulls<T>;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = withoutNulls(v);
    return out as WithoutNulls<T>;
  }
  return value as WithoutNulls<T>;
}
