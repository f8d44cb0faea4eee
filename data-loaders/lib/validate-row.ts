import type { CategoryMatcher } from './category-matcher.js';
import type { FeedField } from './column-mapping.js';
import type { Gazetteer } from './gazetteer.js';
import type { GeocodeQuality, LoadReport } from './load-report.js';
import { parseHours } from './parse-hours.js';
import type { PointRecord } from './point-record.js';
import {
  accessibilityOf,
  checkName,
  cityFromAddress,
  cleanCells,
  DuplicateCheck,
  extraOf,
  languagesOf,
  locateRow,
  memo,
  notLocated,
  readCategories,
  readClosures,
  readContact,
  readCoordinates,
  readProvinceAndPostal,
  sourceIdOf,
  withClosures,
  type Finding,
} from './row-checks.js';
import { rowIssue, type RowIssue } from './row-issue.js';

export { CategoryMatcher } from './category-matcher.js';
export { normalizeEmail, normalizePhone, normalizeUrl, parseCoordinate, provinceOfPostal } from './row-checks.js';

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

/**
 * The one row schema every feed format goes through: cleans each cell,
 * checks it, locates the point (source coordinates checked against the
 * province polygons, else address, postal code, community), and reports every
 * finding with its row number. Returns null for a rejected row. Each check is
 * a small pure function of row-checks.ts; this class keeps what spans rows
 * (duplicates, parsed texts) and counts the row in the report.
 */
export class RowValidator {
  private readonly duplicates = new DuplicateCheck();
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
    const findings: Finding[] = [];
    const add = <T extends { findings: Finding[] }>(result: T): T => {
      findings.push(...result.findings);
      return result;
    };
    const cells = add(cleanCells(raw.values)).text;
    const text = (field: FeedField): string | null => cells[field] ?? null;

    const name = text('name');
    const address1 = text('address');
    const address = [address1, text('address_2')].filter(Boolean).join(', ') || null;
    findings.push(...checkName(name, raw.values.name));
    const where = add(
      readProvinceAndPostal({
        provinceText: text('province'),
        postalText: text('postal_code'),
        address,
        defaultProvince: this.options.defaultProvince,
      }),
    );
    const city = cityFromAddress(text('city'), address);
    const contact = add(
      readContact({ phoneText: text('phone'), emailText: text('email'), websiteText: text('website') }),
    );
    const categories = add(readCategories(text('categories'), this.options.categories));
    const coordinates = add(readCoordinates(raw.values.lon, raw.values.lat, where.province));
    const province = coordinates.province;
    const located =
      coordinates.lon === null
        ? locateRow(this.options.gazetteer, {
            address: address1,
            city,
            postal: where.postal,
            province,
            placeLabel: raw.placeLabel,
          })
        : null;
    const closures = add(readClosures(text('closed_dates'), text('holidays')));
    const id = text('id');
    const sourceId = sourceIdOf({ id, name, address, city, postal: where.postal, province, phone: contact.phone });
    findings.push(...this.duplicates.check({ id, name, sourceId }));

    const quality: GeocodeQuality = coordinates.lon !== null ? 'source' : (located?.quality ?? 'none');
    const issues = [
      ...(raw.issues ?? []),
      ...findings.map((f) => rowIssue(raw.row, f.field, f.value, f.code, f.detail)),
    ];
    const rejected = issues.some((i) => i.severity === 'error');
    if (!rejected && quality === 'none') {
      const why = notLocated({
        name,
        address: address1,
        city,
        postal: where.postal,
        province,
        placeLabel: raw.placeLabel,
      });
      issues.push(rowIssue(raw.row, why.field, why.value, why.code, why.detail));
    }
    if (!this.count(issues, rejected, quality)) return null;

    const extra = extraOf(raw.extra, {
      description: text('description'),
      postalText: text('postal_code'),
      phoneText: text('phone'),
      phone: contact.phone,
      unmatchedCategories: categories.unmatched,
      placeName: located?.placeName ?? null,
      via: located?.via ?? null,
    });
    const hoursText = text('hours');
    const languagesText = text('languages');
    const accessibilityText = text('accessibility');
    return {
      source_id: sourceId,
      name_en: name!,
      name_fr: text('name_fr'),
      organization: text('organization'),
      categories: categories.categories,
      address: address?.replace(/\n/g, ', ') ?? null,
      city: located ? located.city : city,
      province,
      postal_code: where.postal,
      phone: contact.phone,
      email: contact.email,
      website: contact.website,
      hours: withClosures(hoursText ? this.hoursOf(hoursText) : null, closures.dates, closures.closedOnHolidays),
      languages: languagesText ? this.languagesOf(languagesText) : [],
      accessibility: accessibilityText ? accessibilityOf(accessibilityText) : [],
      lon: coordinates.lon ?? located?.lon ?? null,
      lat: coordinates.lat ?? located?.lat ?? null,
      geocode_quality: quality,
      extra,
    };
  }

  /** Adds a row's issues and counts to the report; false when the row is rejected. */
  private count(issues: RowIssue[], rejected: boolean, quality: GeocodeQuality): boolean {
    const { report } = this.options;
    report.rows += 1;
    for (const i of issues) report.add(i);
    if (rejected) {
      report.rejected += 1;
      return false;
    }
    report.accepted += 1;
    if (issues.length > 0) report.warned += 1;
    report.geocode[quality] += 1;
    return true;
  }
}
