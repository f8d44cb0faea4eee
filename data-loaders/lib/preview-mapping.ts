import { FEED_FIELDS, type FeedField } from './column-mapping.js';
import { detectFormat, type FeedFormat } from './import-feed.js';
import { LoadReport } from './load-report.js';
import { readFeedCsv, readFeedGeojson } from './read-feed-rows.js';

/** How one of our fields is filled: by the steward's mapping, by a recognised header, or not at all. */
export interface PreviewField {
  field: FeedField;
  column: string | null;
  by: 'mapping' | 'guessed' | null;
}

export interface MappingPreview {
  format: Exclude<FeedFormat, 'hsds'>;
  fields: PreviewField[];
  /** Columns that fill none of our fields: kept with each point as `extra`. */
  unmapped: string[];
  /** Mapping entries that name a column the file does not have (or a field we do not know). */
  unknown: { field: string; column: string }[];
  /** The first rows as the loader reads them with this mapping, before validation. */
  rows: { row: number; values: Partial<Record<FeedField, unknown>>; extra: Record<string, unknown> }[];
}

export class MappingNotApplicable extends Error {
  constructor() {
    super('An HSDS package has a fixed layout: a column mapping does not apply to it.');
    this.name = 'MappingNotApplicable';
  }
}

const isFeedField = (s: string): s is FeedField => (FEED_FIELDS as readonly string[]).includes(s);

/**
 * Reads the first `limit` rows of a steward's CSV or GeoJSON file the way an
 * upload of it would be read with `mapping` (the same readers and the same
 * column matching, data-loaders/lib/read-feed-rows.ts), so the steward sees
 * which column fills which field before any version is made. Nothing is
 * stored; rows are not validated (the upload's report does that).
 */
export async function previewMapping(
  file: string,
  originalName: string,
  mapping: Record<string, string>,
  limit = 5,
): Promise<MappingPreview> {
  const format = await detectFormat(file, originalName);
  if (format === 'hsds') throw new MappingNotApplicable();
  let fieldsByColumn: Partial<Record<FeedField, string>> = {};
  let unmapped: string[] = [];
  const options = {
    mapping,
    report: new LoadReport(10),
    onColumns: (map: { fields: Partial<Record<FeedField, string>>; unmapped: string[] }) => {
      fieldsByColumn = map.fields;
      unmapped = map.unmapped.filter((c) => c !== '');
    },
  };
  const rows: MappingPreview['rows'] = [];
  const reader = format === 'csv' ? readFeedCsv(file, options) : readFeedGeojson(file, options);
  for await (const r of reader) {
    rows.push({ row: r.row, values: r.values, extra: r.extra ?? {} });
    if (rows.length >= limit) break;
  }
  const explicit = new Set<string>();
  for (const [k, v] of Object.entries(mapping)) explicit.add(isFeedField(k) ? k : v);
  const fields: PreviewField[] = FEED_FIELDS.map((field) => {
    const column = fieldsByColumn[field] ?? null;
    return { field, column, by: column === null ? null : explicit.has(field) ? 'mapping' : 'guessed' };
  });
  const unknown = Object.entries(mapping)
    .map(([k, v]) => (isFeedField(k) ? { field: k, column: v } : { field: v, column: k }))
    .filter((m) => !isFeedField(m.field) || fieldsByColumn[m.field as FeedField] === undefined);
  return { format, fields, unmapped, unknown, rows };
}
