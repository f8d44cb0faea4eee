import { z } from 'zod';
import { geocodeQuality, level, origin, straightLine } from './common.js';

/** One opening period of a day, local wall-clock time ("08:30"). */
export const period = z.strictObject({ opens: z.string(), closes: z.string() });

/** One day of a point's hours, computed in the point's time zone, holidays and special hours applied. */
export const hoursDay = z.strictObject({
  date: z.string().describe('YYYY-MM-DD on the point’s wall clock'),
  weekday: z.number().int().min(1).max(7).describe('ISO weekday: 1 = Monday ... 7 = Sunday'),
  time_zone: z.string(),
  closed: z.boolean(),
  periods: z.array(period),
  /** Why the day differs from the regular week: a statutory holiday, a closure, special hours. */
  exception: z
    .strictObject({ label_en: z.string().nullable(), label_fr: z.string().nullable(), label: z.string().nullable() })
    .nullable(),
  text_en: z.string(),
  text_fr: z.string(),
  /** The day in the asked language. */
  text: z.string(),
});
export type HoursDay = z.infer<typeof hoursDay>;

/** A point's or channel's published service standard, in the asked language and both. */
export const pointStandard = z.strictObject({
  text: z.string(),
  text_en: z.string(),
  text_fr: z.string(),
  target_pct: z.number().nullable(),
  target_minutes: z.number().nullable(),
  origin: z.enum(['seed', 'feed', 'steward']),
  source_url: z.string().nullable(),
  source_date: z.string().nullable(),
});
export type PointStandard = z.infer<typeof pointStandard>;

/** The latest pushed figures; a stale wait is kept with its time but is never the current wait. */
export const pointPerformance = z.strictObject({
  current_wait_minutes: z.number().nullable(),
  wait: z
    .strictObject({ minutes: z.number(), measured_at: z.string(), valid_until: z.string(), is_stale: z.boolean() })
    .nullable(),
  standard_met: z
    .strictObject({
      pct: z.number(),
      period_start: z.string().nullable(),
      period_end: z.string().nullable(),
      measured_at: z.string(),
      valid_until: z.string(),
      is_stale: z.boolean(),
    })
    .nullable(),
});
export type PointPerformance = z.infer<typeof pointPerformance>;

/** Where a point's data comes from. */
export const pointSource = z.strictObject({
  feed_id: z.string(),
  feed_name: z.string(),
  licence: z.string().nullable(),
  attribution: z.string().nullable(),
  updated_at: z.string().nullable(),
});
export type PointSource = z.infer<typeof pointSource>;

/** An online or phone channel of a government, in the asked language. */
export const channel = z.strictObject({
  id: z.string(),
  kind: z.enum(['online', 'phone']),
  level: z.string(),
  jurisdiction_id: z.string(),
  jurisdiction_name: z.string(),
  name: z.string(),
  name_en: z.string(),
  name_fr: z.string(),
  categories: z.array(z.string()),
  is_general: z.boolean(),
  url: z.string().nullable(),
  url_en: z.string().nullable(),
  url_fr: z.string().nullable(),
  phone: z.string().nullable(),
  phone_en: z.string().nullable(),
  phone_fr: z.string().nullable(),
  tty: z.string().nullable(),
  hours: z.string().nullable(),
  languages: z.array(z.string()),
  provinces: z.array(z.string()).nullable(),
  standard: pointStandard.nullable(),
  performance: pointPerformance.nullable(),
  meets_standard: z.boolean().nullable(),
  source: z.strictObject({
    origin: z.enum(['seed', 'feed']),
    feed_id: z.string().nullable(),
    feed_name: z.string().nullable(),
    url: z.string().nullable(),
    date: z.string().nullable(),
    note: z.string().nullable(),
  }),
});
export type Channel = z.infer<typeof channel>;

/** A published service point in the asked language (both names kept). */
export const servicePoint = z.strictObject({
  id: z.string(),
  name: z.string(),
  name_en: z.string(),
  name_fr: z.string().nullable(),
  level,
  jurisdiction_id: z.string(),
  jurisdiction_name: z.string(),
  categories: z.array(z.string()),
  address: z.string().nullable(),
  city: z.string().nullable(),
  province: z.string().nullable(),
  postal_code: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  website: z.string().nullable(),
  languages: z.array(z.string()),
  accessibility: z.array(z.string()),
  /** The hours as the feed gave them (opening-hours JSON), or null. */
  hours: z.unknown(),
  /** Null when the point has no schedule: unknown hours are never "closed". */
  open_now: z.boolean().nullable(),
  hours_today: hoursDay.nullable(),
  /** Seven days from today on the point's wall clock. */
  hours_week: z.array(hoursDay).nullable(),
  time_zone: z.string().nullable(),
  /** Null for a point the feed could not locate: it has a page, not a map position. */
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  /** Metres from the search origin (nearest searches only). */
  distance_m: z.number().optional(),
  geocode_quality: geocodeQuality,
  is_synthetic: z.boolean(),
  standard: pointStandard.nullable().optional(),
  performance: pointPerformance.nullable().optional(),
  source: pointSource,
});
export type ServicePoint = z.infer<typeof servicePoint>;

/** One point by id, with its own government's online and phone options for the same services. */
export const servicePointDetail = servicePoint.extend({ channels: z.array(channel) });
export type ServicePointDetail = z.infer<typeof servicePointDetail>;

/** GET /api/service-points/nearest (JSON). */
export const nearestPage = z.strictObject({
  origin,
  distance_kind: straightLine,
  results: z.array(servicePoint),
});
export type NearestPage = z.infer<typeof nearestPage>;

/** GET /api/service-points with a bbox: one page; follow next_offset. */
export const bboxPage = z.strictObject({
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  limit: z.number().int(),
  offset: z.number().int(),
  next_offset: z.number().int().nullable(),
  results: z.array(servicePoint),
});
export type BboxPage = z.infer<typeof bboxPage>;

/** GET /api/service-points without a bbox: a jurisdiction's points, located or not; follow next_cursor. */
export const jurisdictionPage = z.strictObject({
  jurisdiction: z.array(z.string()),
  limit: z.number().int(),
  next_cursor: z.string().nullable(),
  results: z.array(servicePoint),
});
export type JurisdictionPage = z.infer<typeof jurisdictionPage>;

/** POST /api/service-points/{id}/reports: the report is received (202). */
export const reportReceipt = z.strictObject({ id: z.string(), status: z.literal('received') });
export type ReportReceipt = z.infer<typeof reportReceipt>;

/** A point with a map position. */
export type LocatedServicePoint = ServicePoint & { lon: number; lat: number };
