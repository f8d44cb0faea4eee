import { provinceAt } from '../../domain/canada-check.js';
import { normalizeName } from '../../domain/normalize-name.js';
import { findProvince, PROVINCE_BY_LETTER } from '../../domain/provinces.js';
import type { CategoryMatcher } from './category-matcher.js';
import { cleanText } from './clean-text.js';
import type { FeedField } from './column-mapping.js';
import { labelNames, type Gazetteer } from './gazetteer.js';
import { hexDigest } from './hex-digest.js';
import type { GeocodeQuality } from './load-report.js';
import { NumberSet } from './number-set.js';
import { parseClosedDates, readYesNo, type ClosedDate } from './parse-closures.js';
import type { StoredHours } from './parse-hours.js';
import { findPostalCode, forwardSortationArea, normalizePostalCode } from './postal-code.js';
import type { IssueCode } from './row-issue.js';

/**
 * The small, pure checks the row schema (RowValidator) is made of: one per
 * field or concern. Each takes cell texts and returns what it read and what
 * it found; the validator adds the row number and counts the row.
 */

/** A finding of one check, before it is given its row number. */
export interface Finding {
  field: string;
  value: unknown;
  code: IssueCode;
  detail?: { en: string; fr: string };
}

const finding = (field: string, value: unknown, code: IssueCode, detail?: { en: string; fr: string }): Finding =>
  detail ? { field, value, code, detail } : { field, value, code };

const LIMITS: Partial<Record<FeedField, number>> = {
  name: 300,
  name_fr: 300,
  organization: 300,
  address: 500,
  address_2: 200,
  city: 120,
  description: 4000,
  hours: 1000,
};
const DEFAULT_LIMIT = 2000;

const tooLong = (field: string, value: string, limit: number): Finding =>
  finding(field, value, 'field_too_long', {
    en: `(${value.length} characters; at most ${limit}.)`,
    fr: `(${value.length} caractères; au plus ${limit}.)`,
  });

/**
 * One cell as clean text: markup, control and direction characters removed
 * (each reported), null when empty or longer than the field's limit. A cell
 * far beyond the limit is refused before it is cleaned.
 */
export function cleanCell(
  field: FeedField,
  input: unknown,
  multiline = false,
): { value: string | null; findings: Finding[] } {
  const limit = LIMITS[field] ?? DEFAULT_LIMIT;
  if (typeof input === 'string' && input.length > limit * 4 + 1000)
    return { value: null, findings: [tooLong(field, input, limit)] };
  const c = cleanText(input, { multiline });
  const findings: Finding[] = [];
  if (c.bidi) findings.push(finding(field, input, 'bidi_control'));
  if (c.html) findings.push(finding(field, input, 'html_removed'));
  if (c.controls) findings.push(finding(field, input, 'text_cleaned'));
  if (c.value && c.value.length > limit)
    return { value: null, findings: [...findings, tooLong(field, c.value, limit)] };
  return { value: c.value, findings };
}

/** The text fields of a row, cleaned (see cleanCell); multiline ones keep their line breaks. */
const TEXT_FIELDS: [FeedField, boolean][] = [
  ['name', false],
  ['name_fr', false],
  ['id', false],
  ['organization', false],
  ['address', true],
  ['address_2', false],
  ['city', false],
  ['province', false],
  ['postal_code', false],
  ['phone', false],
  ['email', false],
  ['website', false],
  ['categories', true],
  ['languages', false],
  ['hours', true],
  ['accessibility', false],
  ['description', true],
  ['closed_dates', true],
  ['holidays', false],
];

/** Every text field of a row through cleanCell. */
export function cleanCells(values: Partial<Record<FeedField, unknown>>): {
  text: Partial<Record<FeedField, string | null>>;
  findings: Finding[];
} {
  const text: Partial<Record<FeedField, string | null>> = {};
  const findings: Finding[] = [];
  for (const [field, multiline] of TEXT_FIELDS) {
    const c = cleanCell(field, values[field], multiline);
    text[field] = c.value;
    findings.push(...c.findings);
  }
  return { text, findings };
}

/** A row must name its service point. */
export function checkName(name: string | null, asGiven: unknown): Finding[] {
  return name ? [] : [finding('name', asGiven ?? null, 'missing_name')];
}

/**
 * Province and postal code: the province column, else the postal code's first
 * letter, else the feed's own; the postal code column, else one written in the
 * address. A malformed postal code is reported and dropped.
 */
export function readProvinceAndPostal(input: {
  provinceText: string | null;
  postalText: string | null;
  address: string | null;
  defaultProvince?: string | null | undefined;
}): { province: string | null; postal: string | null; findings: Finding[] } {
  const findings: Finding[] = [];
  let province = findProvince(input.provinceText)?.code ?? null;
  if (input.provinceText && !province) findings.push(finding('province', input.provinceText, 'invalid_province'));
  let postal = normalizePostalCode(input.postalText);
  if (input.postalText && !postal) {
    findings.push(finding('postal_code', input.postalText, 'invalid_postal_code'));
    postal = null;
  }
  if (!postal && input.address) postal = findPostalCode(input.address);
  if (!province && postal) province = provinceOfPostal(postal);
  if (!province && input.defaultProvince) province = input.defaultProvince;
  return { province, postal, findings };
}

/** The province of a postal code from its first letter (X is shared by NT and NU: unknown). */
export function provinceOfPostal(code: string | null | undefined): string | null {
  const fsa = forwardSortationArea(code);
  const letter = fsa?.[0];
  return letter && letter !== 'X' ? (PROVINCE_BY_LETTER[letter] ?? null) : null;
}

/** "street\nCity, Province\nPOSTAL": the city is the line before the province, when the row names none. */
export function cityFromAddress(city: string | null, address: string | null): string | null {
  if (city || !address || !address.includes('\n')) return city;
  const line = address.split('\n').find((l, i) => i > 0 && /,/.test(l) && findProvince(l.split(',').pop() ?? ''));
  return line ? line.split(',').slice(0, -1).join(',').trim() || null : city;
}

/** "+1 (506) 555-0100 ext. 12" -> "506-555-0100 ext. 12"; null when it is not a North American number. */
export function normalizePhone(text: string): string | null {
  const first = text.split(/\s+(?:\/|or|ou)\s+|[;|\n]/)[0] ?? '';
  const m = /^(.*?)(?:\s*(?:ext\.?|extension|x|poste|p\.)\s*(\d{1,6}))?$/i.exec(first.trim());
  const main = (m?.[1] ?? '').replace(/^tel\s*:?/i, '');
  if (/[a-z]/i.test(main.replace(/^\+/, ''))) return null;
  let digits = main.replace(/\D/g, '');
  if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
  if (digits.length !== 10 || /^[01]/.test(digits)) return null;
  const base = `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;
  return m?.[2] ? `${base} ext. ${m[2]}` : base;
}

const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[a-z]{2,}$/i;

export function normalizeEmail(text: string): string | null {
  const t = text.replace(/^mailto:/i, '').trim();
  return EMAIL.test(t) && t.length <= 254 ? t : null;
}

export function normalizeUrl(text: string): string | null {
  let t = text.trim();
  if (/^www\./i.test(t) || /^[a-z0-9-]+(\.[a-z0-9-]+)+(\/|$)/i.test(t)) t = `https://${t}`;
  try {
    const u = new URL(t);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    if (!u.hostname.includes('.')) return null;
    return u.toString();
  } catch {
    return null;
  }
}

/** Phone, e-mail and web address, each normalised; one that cannot be read is reported and left out. */
export function readContact(input: {
  phoneText: string | null;
  emailText: string | null;
  websiteText: string | null;
}): { phone: string | null; email: string | null; website: string | null; findings: Finding[] } {
  const findings: Finding[] = [];
  const read = (field: string, text: string | null, normalize: (t: string) => string | null, code: IssueCode) => {
    if (!text) return null;
    const value = normalize(text);
    if (!value) findings.push(finding(field, text, code));
    return value;
  };
  const phone = read('phone', input.phoneText, normalizePhone, 'invalid_phone');
  const email = read('email', input.emailText, normalizeEmail, 'invalid_email');
  const website = read('website', input.websiteText, normalizeUrl, 'invalid_url');
  return { phone, email, website, findings };
}

/**
 * Service categories by code, English or French name. With a category list
 * loaded, a label that names none of its categories is reported and dropped
 * (the row stays); only without a list are labels kept as slugs.
 */
export function readCategories(
  text: string | null,
  matcher?: CategoryMatcher,
): { categories: string[]; unmatched: string[]; findings: Finding[] } {
  const categories: string[] = [];
  const unmatched: string[] = [];
  for (const part of text ? text.split(/[;|\n,]/) : []) {
    const label = part.trim();
    if (!label) continue;
    const code = matcher ? matcher.match(label) : normalizeName(label).replace(/ /g, '_').slice(0, 60) || null;
    if (code && !categories.includes(code)) categories.push(code);
    else if (!code) unmatched.push(label);
  }
  const findings = unmatched.length > 0 ? [finding('categories', unmatched.join('; '), 'unknown_category')] : [];
  return { categories, unmatched, findings };
}

/** Longer than any way of writing a coordinate ("-123.456789012345 W", with padding). */
const MAX_COORDINATE_CHARS = 64;

/** A coordinate cell: "45.96", "45,96" (decimal comma), "66.64 W", "-66.64°". Empty is null, not 0. */
export function parseCoordinate(input: unknown): { value: number | null; bad: boolean } {
  if (input === null || input === undefined) return { value: null, bad: false };
  if (typeof input === 'number')
    return Number.isFinite(input) ? { value: input, bad: false } : { value: null, bad: true };
  const cell = String(input);
  // Bounded before any regular expression: a coordinate is a few characters, and a
  // cell of many thousands (spaces, digits) would cost the patterns below dearly.
  if (cell.length > MAX_COORDINATE_CHARS) return { value: null, bad: true };
  let t = cell.trim();
  if (t === '') return { value: null, bad: false };
  let sign = 1;
  const hemi = /\s*([NSEWO])$/i.exec(t);
  if (hemi) {
    if (/[SWO]/i.test(hemi[1]!)) sign = -1;
    t = t.slice(0, hemi.index);
  }
  t = t.replace(/°/g, '').replace(/\s/g, '');
  if (/^[-+]?\d+,\d+$/.test(t)) t = t.replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return { value: null, bad: true };
  const v = Number(t) * sign;
  return Number.isFinite(v) ? { value: v, bad: false } : { value: null, bad: true };
}

/**
 * A pair of numbers placed in Canada: as given, else swapped, else with the
 * longitude's lost minus sign restored (the repair reported); else the reason
 * it is not in Canada. `at` is the province the point falls in.
 */
export function placeInCanada(
  x: number,
  y: number,
): { lon: number; lat: number; at: string; repair: Finding | null } | { refused: Finding } {
  const value = `${x}, ${y}`;
  let at: string | null;
  if (x === 0 && y === 0) return { refused: finding('lon,lat', value, 'coordinates_zero') };
  if ((at = provinceAt(x, y))) return { lon: x, lat: y, at, repair: null };
  if ((at = provinceAt(y, x))) return { lon: y, lat: x, at, repair: finding('lon,lat', value, 'coordinates_swapped') };
  if (x > 0 && (at = provinceAt(-x, y))) return { lon: -x, lat: y, at, repair: finding('lon', x, 'longitude_sign') };
  if (Math.abs(y) > 90) return { refused: finding('lat', y, 'latitude_out_of_range') };
  if (Math.abs(x) > 180) return { refused: finding('lon', x, 'longitude_out_of_range') };
  return { refused: finding('lon,lat', value, 'outside_canada') };
}

/**
 * The row's own coordinates, checked here because PostGIS would clamp a
 * latitude of 100 without a word: numbers, both or neither, in Canada, and in
 * the row's province (which they give when the row names none).
 */
export function readCoordinates(
  lonCell: unknown,
  latCell: unknown,
  province: string | null,
): { lon: number | null; lat: number | null; province: string | null; findings: Finding[] } {
  const findings: Finding[] = [];
  const none = { lon: null, lat: null, province, findings };
  const plon = parseCoordinate(lonCell);
  const plat = parseCoordinate(latCell);
  if (plon.bad) findings.push(finding('lon', lonCell, 'coordinate_not_number'));
  if (plat.bad) findings.push(finding('lat', latCell, 'coordinate_not_number'));
  if (plon.bad || plat.bad || (plon.value === null && plat.value === null)) return none;
  if (plon.value === null || plat.value === null) {
    findings.push(finding(plon.value === null ? 'lon' : 'lat', null, 'coordinate_missing_pair'));
    return none;
  }
  const placed = placeInCanada(plon.value, plat.value);
  if ('refused' in placed) {
    findings.push(placed.refused);
    return none;
  }
  if (placed.repair) findings.push(placed.repair);
  if (province && placed.at !== province)
    findings.push(
      finding('province', province, 'province_mismatch', {
        en: `(The point is in ${placed.at}.)`,
        fr: `(Le point est en ${placed.at}.)`,
      }),
    );
  return { lon: placed.lon, lat: placed.lat, province: province ?? placed.at, findings };
}

/** Where a row without usable coordinates is, from the offline gazetteer; null when nothing matches. */
export function locateRow(
  gazetteer: Gazetteer,
  input: {
    address: string | null;
    city: string | null;
    postal: string | null;
    province: string | null;
    placeLabel?: string | null | undefined;
  },
): {
  lon: number;
  lat: number;
  quality: GeocodeQuality;
  /** The community a row was placed at, when it is not the row's own city (extra.located_at_place). */
  placeName: string | null;
  /** Rows with a place label: how they were located (extra.located_via). */
  via: string | null;
  /** Rows with a place label and no city: the community they were located at. */
  city: string | null;
} | null {
  // Civic address (when an address gazetteer is loaded), else postal area, else the city as
  // people write it ("Verdun (Montréal)", "St. Stephen", a former town's name), else the label.
  const found = gazetteer.locate({
    address: input.address,
    city: input.city,
    postalCode: input.postal,
    province: input.province,
    label: input.placeLabel,
  });
  if (!found) return null;
  const community = found.quality === 'community';
  const labelled = input.placeLabel !== undefined;
  return {
    lon: found.point.lon,
    lat: found.point.lat,
    quality: found.quality,
    placeName: community && !labelled ? found.point.name : null,
    via: labelled ? found.via : null,
    city: labelled && community && !input.city ? found.point.name : input.city,
  };
}

/** Why a kept row is not on the map: what it gave to be located by, and that no gazetteer knew it. */
export function notLocated(input: {
  name: string | null;
  address: string | null;
  city: string | null;
  postal: string | null;
  province: string | null;
  placeLabel?: string | null | undefined;
}): Finding {
  const gave = [
    input.address ? [`address "${input.address}"`, `adresse « ${input.address} »`] : null,
    input.city ? [`city "${input.city}"`, `ville « ${input.city} »`] : null,
    input.postal ? [`postal code ${input.postal}`, `code postal ${input.postal}`] : null,
    ...labelNames(input.placeLabel ?? '').exact.map((n) => [`place name "${n}"`, `nom de lieu « ${n} »`]),
  ].filter((g): g is string[] => g !== null);
  const where = input.province;
  return finding(
    'name',
    input.name,
    'not_located',
    gave.length === 0
      ? {
          en: '(The row has no coordinates, address, city or postal code.)',
          fr: '(La ligne n’a ni coordonnées, ni adresse, ni ville, ni code postal.)',
        }
      : {
          en: `(No gazetteer place, alias, address or postal area in ${where ?? 'an unknown province'} matches ${gave.map((g) => g[0]).join(', ')}.)`,
          fr: `(Aucun lieu, alias, adresse ou région postale de ${where ?? 'province inconnue'} ne correspond à ${gave.map((g) => g[1]).join(', ')}.)`,
        },
  );
}

/** Closures: a column of dates, and "closed on statutory holidays" as yes or no. */
export function readClosures(
  closedDatesText: string | null,
  holidaysText: string | null,
): { dates: ClosedDate[]; closedOnHolidays: boolean | null; findings: Finding[] } {
  const findings: Finding[] = [];
  let dates: ClosedDate[] = [];
  if (closedDatesText) {
    const read = parseClosedDates(closedDatesText);
    dates = read.dates;
    if (read.unread) findings.push(finding('closed_dates', closedDatesText, 'unreadable_dates'));
  }
  let closedOnHolidays: boolean | null = null;
  if (holidaysText) {
    closedOnHolidays = readYesNo(holidaysText);
    if (closedOnHolidays === null) findings.push(finding('holidays', holidaysText, 'unreadable_yes_no'));
  }
  return { dates, closedOnHolidays, findings };
}

/**
 * The stored hours with the feed's closures added: a new object, since parsed
 * hours are shared between rows with the same text. Closures alone, without
 * hours, are kept too (the detail lists them; open_now stays unknown).
 */
export function withClosures(
  hours: StoredHours | null,
  dates: ClosedDate[],
  closedOnHolidays: boolean | null,
): StoredHours | null {
  // A holidays rule alone says nothing without a week to apply it to.
  if (dates.length === 0 && (closedOnHolidays === null || hours === null)) return hours;
  const out: StoredHours = { ...(hours ?? { text: '' }) };
  if (dates.length > 0) out.exceptions = dates.slice(0, 400);
  if (closedOnHolidays !== null) out.closed_on_holidays = closedOnHolidays;
  return out;
}

/** The languages a cell names: "English and French", "bilingue", "en; fr", "ojibwe"... as codes. */
export function languagesOf(text: string): string[] {
  const out = new Set<string>();
  for (const part of text.split(/[;,|/\n]|\s+(?:and|et)\s+/i)) {
    const t = normalizeName(part);
    if (!t) continue;
    if (/\b(bilingual|bilingue)\b/.test(t)) {
      out.add('en');
      out.add('fr');
    } else if (/\b(english|anglais|eng|en)\b/.test(t)) out.add('en');
    else if (/\b(french|francais|fra|fre|fr)\b/.test(t)) out.add('fr');
    if (/\b(english|anglais)\b/.test(t)) out.add('en');
    if (/\b(french|francais)\b/.test(t)) out.add('fr');
    if (/^[a-z]{2,3}$/.test(t) && !['and', 'et'].includes(t))
      out.add(t === 'eng' ? 'en' : t === 'fra' || t === 'fre' ? 'fr' : t);
  }
  return [...out];
}

/** Accessibility features: a yes/no cell means wheelchair access or none; a list keeps its items. */
export function accessibilityOf(text: string): string[] {
  const t = normalizeName(text);
  if (/^(yes|y|oui|o|true|vrai|1|accessible|wheelchair accessible|fully accessible)$/.test(t)) return ['wheelchair'];
  if (/^(no|n|non|false|faux|0|not accessible|inaccessible)$/.test(t)) return [];
  return text
    .split(/[;,|\n]/)
    .map((p) => normalizeName(p).replace(/ /g, '_'))
    .filter(Boolean)
    .map((p) => (/wheelchair|fauteuil|barrier_free|sans_obstacle/.test(p) ? 'wheelchair' : p.slice(0, 60)));
}

/** The record's id in its feed: the feed's own id, else a hash of what the row says (name, address, city...). */
export function sourceIdOf(row: {
  id: string | null;
  name: string | null;
  address: string | null;
  city: string | null;
  postal: string | null;
  province: string | null;
  phone: string | null;
}): string {
  if (row.id) return row.id;
  const key = [row.name, row.address, row.city, row.postal, row.province, row.phone]
    .map((v) => normalizeName(v ?? ''))
    .join('|');
  return `h${hexDigest('sha256', key).slice(0, 20)}`;
}

function hash52(text: string): number {
  return parseInt(hexDigest('sha1', text).slice(0, 13), 16);
}

/**
 * Duplicates within one feed: by the feed's id when it has one, else by the
 * row's content. The first row is kept; each later one is reported.
 */
export class DuplicateCheck {
  // Packed sets of 52-bit hashes: a load of 1,000,000 rows keeps one per row.
  private readonly seenIds = new NumberSet();
  private readonly seenContent = new NumberSet();

  check(row: { id: string | null; name: string | null; sourceId: string }): Finding[] {
    if (!row.name) return [];
    const [seen, h, found] = row.id
      ? [this.seenIds, hash52(`id|${row.id}`), finding('id', row.id, 'duplicate_in_feed')]
      : [this.seenContent, hash52(row.sourceId), finding('name', row.name, 'duplicate_content')];
    if (seen.has(h)) return [found];
    seen.add(h);
    return [];
  }
}

/** What the point keeps beside its fields: the feed's other cells, its description, and what was given but not used as is. */
export function extraOf(
  feedExtra: Record<string, unknown> | undefined,
  row: {
    description: string | null;
    postalText: string | null;
    phoneText: string | null;
    phone: string | null;
    unmatchedCategories: string[];
    placeName: string | null;
    via: string | null;
  },
): Record<string, unknown> {
  const extra: Record<string, unknown> = { ...(feedExtra ?? {}) };
  if (row.description) extra['description'] = row.description;
  if (row.postalText && !normalizePostalCode(row.postalText)) extra['postal_code_as_given'] = row.postalText;
  if (row.phoneText && !row.phone) extra['phone_as_given'] = row.phoneText;
  if (row.unmatchedCategories.length) extra['categories_as_given'] = row.unmatchedCategories;
  if (row.placeName) extra['located_at_place'] = row.placeName;
  if (row.via !== null) extra['located_via'] = row.via;
  return extra;
}

/**
 * `fn` with its answers kept for short, repeated inputs. Bounded (a hostile
 * feed of distinct texts gets no cache, not a large one).
 */
export function memo<T>(fn: (text: string) => T, maxEntries = 1000, maxLength = 200): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    const hit = cache.get(text);
    if (hit !== undefined) return hit;
    const value = fn(text);
    if (text.length <= maxLength && cache.size < maxEntries) cache.set(text, value);
    return value;
  };
}
