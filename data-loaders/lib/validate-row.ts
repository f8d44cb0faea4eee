import { provinceAt } from '../../domain/canada-check.js';
import { cleanText } from './clean-text.js';
import type { FeedField } from './column-mapping.js';
import { labelNames, type Gazetteer } from './gazetteer.js';
import { hexDigest } from './hex-digest.js';
import type { LoadReport } from './load-report.js';
import { normalizeName } from '../../domain/normalize-name.js';
import { NumberSet } from './number-set.js';
import { parseClosedDates, readYesNo, type ClosedDate } from './parse-closures.js';
import { parseHours, type StoredHours } from './parse-hours.js';
import type { PointRecord } from './point-record.js';
import { findPostalCode, forwardSortationArea, normalizePostalCode } from './postal-code.js';
import { findProvince, PROVINCE_BY_LETTER } from '../../domain/provinces.js';
import { rowIssue, type IssueCode, type RowIssue } from './row-issue.js';

/** One row of any feed format, its cells already mapped onto our fields. */
export interface RawFeedRow {
  row: number;
  values: Partial<Record<FeedField, unknown>>;
  /** Cells that map to no field, kept with the point. */
  extra?: Record<string, unknown>;
  /** Issues the reader already found (HSDS schema, geometry type). */
  issues?: RowIssue[];
  /**
   * A label that may name the point's community (an office named after its
   * town), tried when the address, postal code and city locate nothing. A
   * point it locates records how, and takes that community as its city when
   * the row names none.
   */
  placeLabel?: string | null;
}

/** Service categories the feed may name by code, English or French name. */
export class CategoryMatcher {
  private readonly byKey = new Map<string, string>();
  constructor(readonly known: { code: string; name_en: string; name_fr: string }[]) {
    for (const c of known)
      for (const k of [c.code, c.name_en, c.name_fr]) this.byKey.set(normalizeName(k.replace(/_/g, ' ')), c.code);
    for (const [alias, code] of ALIASES)
      if (known.some((c) => c.code === code)) this.byKey.set(normalizeName(alias), code);
  }

  /** The code of a category label; unknown labels become a slug when no taxonomy is loaded. */
  match(label: string): string | null {
    const key = normalizeName(label);
    if (!key) return null;
    const hit = this.byKey.get(key);
    if (hit) return hit;
    return this.known.length === 0 ? key.replace(/ /g, '_').slice(0, 60) : null;
  }
}

const ALIASES: [string, string][] = [
  ['passeport', 'passport'],
  ['passports', 'passport'],
  ['ei', 'employment_insurance'],
  ['assurance emploi', 'employment_insurance'],
  ['pension', 'pensions'],
  ['cpp', 'pensions'],
  ['oas', 'pensions'],
  ['sin', 'social_insurance_number'],
  ['numero d assurance sociale', 'social_insurance_number'],
  ['nas', 'social_insurance_number'],
  ['health card', 'health_card'],
  ['carte sante', 'health_card'],
  ['carte d assurance maladie', 'health_card'],
  ['driver s licence', 'drivers_licence'],
  ['drivers licence', 'drivers_licence'],
  ['driver licence', 'drivers_licence'],
  ['permis de conduire', 'drivers_licence'],
  ['birth certificate', 'vital_statistics'],
  ['certificat de naissance', 'vital_statistics'],
  ['vital statistics', 'vital_statistics'],
  ['etat civil', 'vital_statistics'],
  ['business registration', 'business_registration'],
  ['enregistrement d entreprise', 'business_registration'],
  ['hunting licence', 'hunting_fishing_licence'],
  ['fishing licence', 'hunting_fishing_licence'],
  ['permis de chasse', 'hunting_fishing_licence'],
  ['permis de peche', 'hunting_fishing_licence'],
  ['land registry', 'land_registry'],
  ['library', 'library_services'],
  ['bibliotheque', 'library_services'],
  ['taxes', 'tax_services'],
  ['impots', 'tax_services'],
  ['immigration', 'immigration_citizenship'],
  ['citizenship', 'immigration_citizenship'],
];

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

function languagesOf(text: string): string[] {
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

function accessibilityOf(text: string): string[] {
  const t = normalizeName(text);
  if (/^(yes|y|oui|o|true|vrai|1|accessible|wheelchair accessible|fully accessible)$/.test(t)) return ['wheelchair'];
  if (/^(no|n|non|false|faux|0|not accessible|inaccessible)$/.test(t)) return [];
  return text
    .split(/[;,|\n]/)
    .map((p) => normalizeName(p).replace(/ /g, '_'))
    .filter(Boolean)
    .map((p) => (/wheelchair|fauteuil|barrier_free|sans_obstacle/.test(p) ? 'wheelchair' : p.slice(0, 60)));
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
 * `fn` with its answers kept for short, repeated inputs. Bounded (a hostile
 * feed of distinct texts gets no cache, not a large one).
 */
function memo<T>(fn: (text: string) => T, maxEntries = 1000, maxLength = 200): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    const hit = cache.get(text);
    if (hit !== undefined) return hit;
    const value = fn(text);
    if (text.length <= maxLength && cache.size < maxEntries) cache.set(text, value);
    return value;
  };
}

function hash52(text: string): number {
  return parseInt(hexDigest('sha1', text).slice(0, 13), 16);
}

/**
 * The one row schema every feed format goes through: cleans each cell,
 * checks it, locates the point (source coordinates checked against the
 * province polygons, else postal code, else community), and reports every
 * finding with its row number. Returns null for a rejected row.
 */
export class RowValidator {
  // Packed sets of 52-bit hashes: a load of 1,000,000 rows keeps one per row.
  private readonly seenIds = new NumberSet();
  private readonly seenContent = new NumberSet();
  // A feed repeats a few hours and language texts on every row; parsing each
  // once saves a regex pass per row. The parsed values are shared between the
  // records, which are only read (serialized) after validation.
  private readonly hoursOf = memo(parseHours);
  private readonly languagesOf = memo(languagesOf);

  constructor(
    private readonly options: {
      gazetteer: Gazetteer;
      report: LoadReport;
      categories?: CategoryMatcher;
      /** A province to assume when the feed gives none (a provincial feed). */
      defaultProvince?: string | null;
    },
  ) {}

  validate(raw: RawFeedRow): PointRecord | null {
    const { report, gazetteer } = this.options;
    const row = raw.row;
    report.rows += 1;
    const issues: RowIssue[] = [...(raw.issues ?? [])];
    const issue = (field: string, value: unknown, code: IssueCode, detail?: { en: string; fr: string }) =>
      issues.push(rowIssue(row, field, value, code, detail));

    const text = (field: FeedField, multiline = false): string | null => {
      const input = raw.values[field];
      const limit = LIMITS[field] ?? DEFAULT_LIMIT;
      if (typeof input === 'string' && input.length > limit * 4 + 1000) {
        issue(field, input, 'field_too_long', {
          en: `(${input.length} characters; at most ${limit}.)`,
          fr: `(${input.length} caractères; au plus ${limit}.)`,
        });
        return null;
      }
      const c = cleanText(input, { multiline });
      if (c.bidi) issue(field, input, 'bidi_control');
      if (c.html) issue(field, input, 'html_removed');
      if (c.controls) issue(field, input, 'text_cleaned');
      if (c.value && c.value.length > limit) {
        issue(field, c.value, 'field_too_long', {
          en: `(${c.value.length} characters; at most ${limit}.)`,
          fr: `(${c.value.length} caractères; au plus ${limit}.)`,
        });
        return null;
      }
      return c.value;
    };

    const name = text('name');
    const nameFr = text('name_fr');
    const id = text('id');
    const organization = text('organization');
    const address1 = text('address', true);
    const address2 = text('address_2');
    const address = [address1, address2].filter(Boolean).join(', ') || null;
    let city = text('city');
    const provinceText = text('province');
    const postalText = text('postal_code');
    const phoneText = text('phone');
    const emailText = text('email');
    const websiteText = text('website');
    const categoriesText = text('categories', true);
    const languagesText = text('languages');
    const hoursText = text('hours', true);
    const accessibilityText = text('accessibility');
    const description = text('description', true);
    const closedDatesText = text('closed_dates', true);
    const holidaysText = text('holidays');

    if (!name) issue('name', raw.values.name ?? null, 'missing_name');

    // Province: the column, else the postal code's first letter, else the feed's own.
    let province = findProvince(provinceText)?.code ?? null;
    if (provinceText && !province) issue('province', provinceText, 'invalid_province');

    let postal = normalizePostalCode(postalText);
    if (postalText && !postal) {
      issue('postal_code', postalText, 'invalid_postal_code');
      postal = null;
    }
    if (!postal && address) postal = findPostalCode(address);
    if (!province && postal) province = provinceOfPostal(postal);
    if (!province && this.options.defaultProvince) province = this.options.defaultProvince;
    if (!city && address && address.includes('\n')) {
      // "street\nCity, Province\nPOSTAL": the city is the line before the province.
      const line = address.split('\n').find((l, i) => i > 0 && /,/.test(l) && findProvince(l.split(',').pop() ?? ''));
      if (line) city = line.split(',').slice(0, -1).join(',').trim() || null;
    }

    let phone: string | null = null;
    if (phoneText) {
      phone = normalizePhone(phoneText);
      if (!phone) issue('phone', phoneText, 'invalid_phone');
    }
    let email: string | null = null;
    if (emailText) {
      email = normalizeEmail(emailText);
      if (!email) issue('email', emailText, 'invalid_email');
    }
    let website: string | null = null;
    if (websiteText) {
      website = normalizeUrl(websiteText);
      if (!website) issue('website', websiteText, 'invalid_url');
    }

    const categories: string[] = [];
    const unmatchedCategories: string[] = [];
    if (categoriesText) {
      for (const part of categoriesText.split(/[;|\n,]/)) {
        const label = part.trim();
        if (!label) continue;
        // With a category list loaded, a label that names none of its categories is reported and
        // dropped (the row stays); only a validator without a list keeps labels as slugs.
        const matcher = this.options.categories;
        const code = matcher ? matcher.match(label) : normalizeName(label).replace(/ /g, '_').slice(0, 60) || null;
        if (code && !categories.includes(code)) categories.push(code);
        else if (!code) unmatchedCategories.push(label);
      }
      if (unmatchedCategories.length > 0) issue('categories', unmatchedCategories.join('; '), 'unknown_category');
    }

    // Coordinates, checked here because PostGIS would clamp a latitude of 100 without a word.
    let lon: number | null = null;
    let lat: number | null = null;
    const plon = parseCoordinate(raw.values.lon);
    const plat = parseCoordinate(raw.values.lat);
    if (plon.bad) issue('lon', raw.values.lon, 'coordinate_not_number');
    if (plat.bad) issue('lat', raw.values.lat, 'coordinate_not_number');
    if (!plon.bad && !plat.bad && (plon.value === null) !== (plat.value === null)) {
      issue(plon.value === null ? 'lon' : 'lat', null, 'coordinate_missing_pair');
    } else if (plon.value !== null && plat.value !== null) {
      const x = plon.value,
        y = plat.value;
      const value = `${x}, ${y}`;
      let at: string | null = null;
      if (x === 0 && y === 0) issue('lon,lat', value, 'coordinates_zero');
      else if ((at = provinceAt(x, y))) [lon, lat] = [x, y];
      else if ((at = provinceAt(y, x))) {
        [lon, lat] = [y, x];
        issue('lon,lat', value, 'coordinates_swapped');
      } else if (x > 0 && (at = provinceAt(-x, y))) {
        [lon, lat] = [-x, y];
        issue('lon', x, 'longitude_sign');
      } else if (Math.abs(y) > 90) issue('lat', y, 'latitude_out_of_range');
      else if (Math.abs(x) > 180) issue('lon', x, 'longitude_out_of_range');
      else issue('lon,lat', value, 'outside_canada');
      if (at && province && at !== province) {
        issue('province', province, 'province_mismatch', {
          en: `(The point is in ${at}.)`,
          fr: `(Le point est en ${at}.)`,
        });
      }
      if (at && !province) province = at;
    }

    let quality: PointRecord['geocode_quality'] = lon !== null ? 'source' : 'none';
    let placeName: string | null = null;
    let locatedVia: string | null = null;
    if (quality === 'none') {
      // Civic address (when an address gazetteer is loaded), else postal area, else the
      // city as people write it ("Verdun (Montréal)", "St. Stephen", a former town's name).
      const found = gazetteer.locate({ address: address1, city, postalCode: postal, province, label: raw.placeLabel });
      if (found) {
        [lon, lat, quality] = [found.point.lon, found.point.lat, found.quality];
        if (raw.placeLabel !== undefined) {
          locatedVia = found.via;
          if (found.quality === 'community' && !city) city = found.point.name;
        } else if (found.quality === 'community') placeName = found.point.name;
      }
    }

    // Closures: a column of dates, and "closed on statutory holidays" as a column or in the hours text.
    let closedDates: ClosedDate[] = [];
    if (closedDatesText) {
      const read = parseClosedDates(closedDatesText);
      closedDates = read.dates;
      if (read.unread) issue('closed_dates', closedDatesText, 'unreadable_dates');
    }
    let closedOnHolidays: boolean | null = null;
    if (holidaysText) {
      closedOnHolidays = readYesNo(holidaysText);
      if (closedOnHolidays === null) issue('holidays', holidaysText, 'unreadable_yes_no');
    }

    // Duplicates: by the feed's id when it has one, else by the row's content.
    const sourceId =
      id ??
      `h${hexDigest('sha256', [name, address, city, postal, province, phone].map((v) => normalizeName(v ?? '')).join('|')).slice(0, 20)}`;
    if (name) {
      if (id) {
        const h = hash52(`id|${id}`);
        if (this.seenIds.has(h)) issue('id', id, 'duplicate_in_feed');
        else this.seenIds.add(h);
      } else {
        const h = hash52(sourceId);
        if (this.seenContent.has(h)) issue('name', name, 'duplicate_content');
        else this.seenContent.add(h);
      }
    }

    const rejected = issues.some((i) => i.severity === 'error');
    if (!rejected && quality === 'none') {
      // Why: what the row gave to locate it by, and that no gazetteer knew it.
      const gave = [
        address1 ? [`address "${address1}"`, `adresse « ${address1} »`] : null,
        city ? [`city "${city}"`, `ville « ${city} »`] : null,
        postal ? [`postal code ${postal}`, `code postal ${postal}`] : null,
        ...labelNames(raw.placeLabel ?? '').exact.map((n) => [`place name "${n}"`, `nom de lieu « ${n} »`]),
      ].filter((g): g is string[] => g !== null);
      issue(
        'name',
        name,
        'not_located',
        gave.length === 0
          ? {
              en: '(The row has no coordinates, address, city or postal code.)',
              fr: '(La ligne n’a ni coordonnées, ni adresse, ni ville, ni code postal.)',
            }
          : {
              en: `(No gazetteer place, alias, address or postal area in ${province ?? 'an unknown province'} matches ${gave.map((g) => g[0]).join(', ')}.)`,
              fr: `(Aucun lieu, alias, adresse ou région postale de ${province ?? 'province inconnue'} ne correspond à ${gave.map((g) => g[1]).join(', ')}.)`,
            },
      );
    }
    for (const i of issues) report.add(i);
    if (rejected) {
      report.rejected += 1;
      return null;
    }
    report.accepted += 1;
    if (issues.length > 0) report.warned += 1;
    report.geocode[quality] += 1;

    const extra: Record<string, unknown> = { ...(raw.extra ?? {}) };
    if (description) extra['description'] = description;
    if (postalText && !normalizePostalCode(postalText)) extra['postal_code_as_given'] = postalText;
    if (phoneText && !phone) extra['phone_as_given'] = phoneText;
    if (unmatchedCategories.length) extra['categories_as_given'] = unmatchedCategories;
    if (placeName) extra['located_at_place'] = placeName;
    if (locatedVia !== null) extra['located_via'] = locatedVia;

    return {
      source_id: sourceId,
      name_en: name!,
      name_fr: nameFr,
      organization,
      categories,
      address: address?.replace(/\n/g, ', ') ?? null,
      city,
      province,
      postal_code: postal,
      phone,
      email,
      website,
      hours: withClosures(hoursText ? this.hoursOf(hoursText) : null, closedDates, closedOnHolidays),
      languages: languagesText ? this.languagesOf(languagesText) : [],
      accessibility: accessibilityText ? accessibilityOf(accessibilityText) : [],
      lon,
      lat,
      geocode_quality: quality,
      extra,
    };
  }
}

/** The province of a postal code from its first letter (X is shared by NT and NU: unknown). */
export function provinceOfPostal(code: string | null | undefined): string | null {
  const fsa = forwardSortationArea(code);
  const letter = fsa?.[0];
  return letter && letter !== 'X' ? (PROVINCE_BY_LETTER[letter] ?? null) : null;
}

/**
 * The stored hours with the feed's closures added: a new object, since parsed
 * hours are shared between rows with the same text. Closures alone, without
 * hours, are kept too (the detail lists them; open_now stays unknown).
 */
function withClosures(
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
