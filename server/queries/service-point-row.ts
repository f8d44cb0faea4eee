import type { GeocodeQuality, Level } from '../../contract/common.js';
import type { ServicePoint } from '../../contract/service-points.js';
import { PROVINCES } from '../../domain/provinces.js';
import type { Lang } from '../http/lang.js';
import { toPerformance, toStandard, type PerformanceJson, type StandardJson } from './channels/channel-row.js';
import { hoursDays, openNow } from './open-now.js';
import { parseOpeningHours } from './opening-hours.js';

const ZONE_BY_PROVINCE = new Map(PROVINCES.map((p) => [p.code, p.timezone]));

/** A service point as the SQL queries return it (snake_case, both languages). */
export interface ServicePointRow {
  id: string;
  name_en: string;
  name_fr: string | null;
  level: Level;
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
  /** IANA zone of the hours: the point's own, else its province's (published_service_points, 0095). */
  time_zone: string | null;
  lon: number | null;
  lat: number | null;
  geocode_quality: GeocodeQuality;
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
  /** The point's published service standard and latest pushed figures (service_standard_json, service_performance_json). Older queries may omit them. */
  standard?: StandardJson | null;
  performance?: PerformanceJson | null;
}

/** The fields of a point's answer that change with the clock: open now, and today's and the week's hours. */
export function clockFields(
  row: Pick<ServicePointRow, 'hours' | 'time_zone' | 'province'>,
  lang: Lang,
  now: Date,
): Pick<ServicePoint, 'open_now' | 'hours_today' | 'hours_week'> & { zone: string | null } {
  const hours = parseOpeningHours(row.hours);
  const zone = row.time_zone ?? (row.province ? ZONE_BY_PROVINCE.get(row.province) : undefined) ?? null;
  // Statutory holidays are the province's; the week starts today on the point's own wall clock.
  const week = hoursDays(hours, zone, now, row.province, 7);
  const inLang = (d: NonNullable<typeof week>[number]) => ({
    ...d,
    text: lang === 'fr' ? d.text_fr : d.text_en,
    exception: d.exception && {
      ...d.exception,
      label:
        lang === 'fr' ? (d.exception.label_fr ?? d.exception.label_en) : (d.exception.label_en ?? d.exception.label_fr),
    },
  });
  const today = week?.[0] ?? null;
  return {
    // Unknown hours are unknown (null), never "closed".
    open_now: openNow(hours, zone, now, row.province),
    hours_today: today && inLang(today),
    /** Seven days from today on the point's wall clock, holidays and special hours applied. */
    hours_week: week?.map(inLang) ?? null,
    zone,
  };
}

/**
 * The service point of the API contract, in one language. `open_now` and
 * `hours_today` are computed at `now` on the point's own wall clock.
 */
export function toServicePoint(row: ServicePointRow, lang: Lang, now: Date = new Date()): ServicePoint {
  const clock = clockFields(row, lang, now);
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
    open_now: clock.open_now,
    hours_today: clock.hours_today,
    hours_week: clock.hours_week,
    time_zone: clock.zone,
    lon: row.lon,
    lat: row.lat,
    ...(row.distance_m === undefined ? {} : { distance_m: Math.round(row.distance_m * 10) / 10 }),
    geocode_quality: row.geocode_quality,
    is_synthetic: row.is_synthetic,
    ...(row.standard === undefined ? {} : { standard: toStandard(row.standard ?? null, lang) }),
    ...(row.performance === undefined ? {} : { performance: toPerformance(row.performance ?? null) }),
    source: {
      feed_id: row.feed_id,
      feed_name: lang === 'fr' ? row.feed_name_fr : row.feed_name_en,
      licence: row.licence,
      attribution: lang === 'fr' ? row.attribution_fr : row.attribution_en,
      updated_at: row.updated_at instanceof Date ? row.updated_at.toISOString() : row.updated_at,
    },
  };
}

export type { ServicePoint };
