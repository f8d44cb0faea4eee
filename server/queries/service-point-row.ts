import type { Lang } from '../http/lang.js';

/** A service point as the SQL queries return it (snake_case, both languages). */
export interface ServicePointRow {
  id: string;
  name_en: string;
  name_fr: string | null;
  level: string;
  jurisdiction_id: string;
  jurisdiction_name_en: string;
  jurisdiction_name_fr: string;
  categories: string[];
  address: string | null;
  city: string | null;
  province: string | null;
  postal_code: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  languages: string[];
  accessibility: string[];
  hours: unknown;
  lon: number | null;
  lat: number | null;
  geocode_quality: string;
  extra: Record<string, unknown>;
  distance_m?: number;
  feed_id: string;
  feed_name_en: string;
  feed_name_fr: string;
  licence: string | null;
  attribution_en: string | null;
  attribution_fr: string | null;
  is_synthetic: boolean;
  updated_at: Date | string | null;
}

/** The service point of the API contract, in one language. */
export function toServicePoint(row: ServicePointRow, lang: Lang) {
  return {
    id: row.id,
    name: lang === 'fr' ? (row.name_fr ?? row.name_en) : row.name_en,
    name_en: row.name_en,
    name_fr: row.name_fr,
    level: row.level,
    jurisdiction_id: row.jurisdiction_id,
    jurisdiction_name: lang === 'fr' ? row.jurisdiction_name_fr : row.jurisdiction_name_en,
    categories: row.categories,
    address: row.address,
    city: row.city,
    province: row.province,
    postal_code: row.postal_code,
    phone: row.phone,
    email: row.email,
    website: row.website,
    languages: row.languages,
    accessibility: row.accessibility,
    hours: row.hours ?? null,
    // Hours are unknown for every feed loaded so far: unknown, never "closed".
    open_now: null as boolean | null,
    lon: row.lon,
    lat: row.lat,
    ...(row.distance_m === undefined ? {} : { distance_m: Math.round(row.distance_m * 10) / 10 }),
    geocode_quality: row.geocode_quality,
    is_synthetic: row.is_synthetic,
    source: {
      feed_id: row.feed_id,
      feed_name: lang === 'fr' ? row.feed_name_fr : row.feed_name_en,
      licence: row.licence,
      attribution: lang === 'fr' ? row.attribution_fr : row.attribution_en,
      updated_at: row.updated_at instanceof Date ? row.updated_at.toISOString() : row.updated_at,
    },
  };
}

export type ServicePoint = ReturnType<typeof toServicePoint>;
