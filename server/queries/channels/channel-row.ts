import type { Channel, PointPerformance, PointStandard } from '../../../contract/service-points.js';
import type { Lang } from '../../http/lang.js';

/** The published promise of a channel or point, as service_standard_json() returns it. */
export interface StandardJson {
  text_en: string;
  text_fr: string;
  target_pct: number | null;
  target_minutes: number | null;
  origin: 'seed' | 'feed' | 'steward';
  source_url: string | null;
  source_date: string | null;
  updated_at: string;
}

/** The latest figures of a channel or point, as service_performance_json() returns them. */
export interface PerformanceJson {
  wait: { minutes: number; measured_at: string; valid_until: string; is_stale: boolean } | null;
  standard_met: {
    pct: number;
    period_start: string | null;
    period_end: string | null;
    measured_at: string;
    valid_until: string;
    is_stale: boolean;
  } | null;
}

/** An online or phone channel as the SQL of sql/queries/channels_*.sql returns it. */
export interface ChannelRow {
  id: string;
  kind: 'online' | 'phone';
  jurisdiction_id: string;
  level: string;
  jurisdiction_name_en: string;
  jurisdiction_name_fr: string;
  name_en: string;
  name_fr: string;
  categories: string[];
  is_general: boolean;
  url_en: string | null;
  url_fr: string | null;
  phone: string | null;
  phone_fr: string | null;
  tty: string | null;
  hours_en: string | null;
  hours_fr: string | null;
  languages: string[];
  provinces: string[] | null;
  origin: 'seed' | 'feed';
  feed_id: string | null;
  feed_name_en: string | null;
  feed_name_fr: string | null;
  source_url: string | null;
  source_date: Date | string | null;
  source_note: string | null;
  updated_at: Date | string;
  standard: StandardJson | null;
  performance: PerformanceJson | null;
}

function isoDate(d: Date | string | null): string | null {
  if (d === null) return null;
  if (typeof d === 'string') return d.slice(0, 10);
  // A DATE column arrives as local midnight from node-postgres; read it back the same way.
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function num(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}

/** A standard in one language (both texts kept for clients that show both). */
export function toStandard(s: StandardJson | null, lang: Lang): PointStandard | null {
  if (!s) return null;
  return {
    text: lang === 'fr' ? s.text_fr : s.text_en,
    text_en: s.text_en,
    text_fr: s.text_fr,
    target_pct: num(s.target_pct),
    target_minutes: num(s.target_minutes),
    origin: s.origin,
    source_url: s.source_url,
    source_date: s.source_date,
  };
}

/**
 * Performance as people should read it: a stale wait time is kept (with its
 * time) but never offered as the current wait; `current_wait_minutes` is null then.
 */
export function toPerformance(p: PerformanceJson | null): PointPerformance | null {
  if (!p) return null;
  const wait = p.wait && { ...p.wait, minutes: Number(p.wait.minutes) };
  const met = p.standard_met && { ...p.standard_met, pct: Number(p.standard_met.pct) };
  return {
    current_wait_minutes: wait && !wait.is_stale ? wait.minutes : null,
    wait,
    standard_met: met,
  };
}

/** Whether the latest performance meets the standard's machine-readable target; null when it cannot be told. */
export function meetsStandard(s: StandardJson | null, p: PerformanceJson | null): boolean | null {
  if (!s || !p) return null;
  const pct = num(s.target_pct);
  if (pct !== null && p.standard_met && !p.standard_met.is_stale) return Number(p.standard_met.pct) >= pct;
  const minutes = num(s.target_minutes);
  if (minutes !== null && p.wait && !p.wait.is_stale) return Number(p.wait.minutes) <= minutes;
  return null;
}

/** A channel in one language: the French line and page for French, else the main ones. */
export function toChannel(row: ChannelRow, lang: Lang): Channel {
  const fr = lang === 'fr';
  return {
    id: row.id,
    kind: row.kind,
    level: row.level,
    jurisdiction_id: row.jurisdiction_id,
    jurisdiction_name: fr ? row.jurisdiction_name_fr : row.jurisdiction_name_en,
    name: fr ? row.name_fr : row.name_en,
    name_en: row.name_en,
    name_fr: row.name_fr,
    categories: row.categories,
    is_general: row.is_general,
    url: fr ? (row.url_fr ?? row.url_en) : (row.url_en ?? row.url_fr),
    url_en: row.url_en,
    url_fr: row.url_fr,
    phone: fr ? (row.phone_fr ?? row.phone) : (row.phone ?? row.phone_fr),
    phone_en: row.phone,
    phone_fr: row.phone_fr,
    tty: row.tty,
    hours: fr ? (row.hours_fr ?? row.hours_en) : (row.hours_en ?? row.hours_fr),
    languages: row.languages,
    provinces: row.provinces,
    standard: toStandard(row.standard, lang),
    performance: toPerformance(row.performance),
    meets_standard: meetsStandard(row.standard, row.performance),
    source: {
      origin: row.origin,
      feed_id: row.feed_id,
      feed_name: fr ? row.feed_name_fr : row.feed_name_en,
      url: row.source_url,
      date: isoDate(row.source_date),
      note: row.source_note,
    },
  };
}

export type { Channel };
