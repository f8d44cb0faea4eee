import { mapColumns, type ColumnMap, type FeedField } from './column-mapping.js';
import type { LoadReport } from './load-report.js';
import { MAX_COLUMNS, readCsvTable, TooManyColumns } from './read-csv.js';
import { rowIssue } from './row-issue.js';
import { streamJsonElements } from './stream-json-elements.js';
import type { RawFeedRow } from './validate-row.js';

export interface ReadOptions {
  mapping?: Record<string, string>;
  report: LoadReport;
  /** Called once the columns are known (CSV) so a caller can show how they were mapped. */
  onColumns?: (map: ColumnMap) => void;
}

/** A row the reader could not read: counted, reported, rejected. */
function unreadable(report: LoadReport, row: number, message: string): void {
  report.rows += 1;
  report.rejected += 1;
  report.add(rowIssue(row, '', null, 'unreadable_row', { en: `(${message})`, fr: `(${message})` }));
}

/** The working group's open-data layout as CSV, any encoding and delimiter, headers in English or French. */
export async function* readFeedCsv(file: string, options: ReadOptions): AsyncGenerator<RawFeedRow> {
  let headers: string[] | null = null;
  const fields: [FeedField, number][] = [];
  const extraColumns: [string, number][] = [];
  for await (const { row, cells } of readCsvTable(file, { onSkip: (r, m) => unreadable(options.report, r, m) })) {
    if (!headers) {
      if (cells.length > MAX_COLUMNS) throw new TooManyColumns(cells.length);
      headers = cells.map((h) => h.replace(/^\uFEFF/, '').trim());
      const map = mapColumns(headers, options.mapping);
      // Each header's first column, found once (a lookup per header would be quadratic in the width).
      const column = new Map<string, number>();
      headers.forEach((h, i) => {
        if (!column.has(h)) column.set(h, i);
      });
      for (const [field, header] of Object.entries(map.fields) as [FeedField, string][])
        fields.push([field, column.get(header)!]);
      for (const h of map.unmapped) if (h) extraColumns.push([h, column.get(h)!]);
      options.onColumns?.(map);
      continue;
    }
    const values: Partial<Record<FeedField, unknown>> = {};
    for (const [field, i] of fields) values[field] = cells[i];
    const extra: Record<string, unknown> = {};
    for (const [h, i] of extraColumns) {
      const v = cells[i];
      if (v !== undefined && v.trim() !== '' && v.length <= 2000) extra[h] = v.trim();
    }
    yield { row, values, extra };
  }
}

function firstPosition(geometry: unknown): { lon: unknown; lat: unknown; pointLike: boolean } | null {
  if (!geometry || typeof geometry !== 'object') return null;
  const g = geometry as { type?: unknown; coordinates?: unknown; geometries?: unknown };
  if (g.type === 'Point' && Array.isArray(g.coordinates))
    return { lon: g.coordinates[0], lat: g.coordinates[1], pointLike: true };
  if (g.type === 'GeometryCollection' && Array.isArray(g.geometries)) {
    const p = firstPosition(g.geometries[0]);
    return p ? { ...p, pointLike: false } : null;
  }
  // Other geometries: the mean of their positions stands in for the office.
  let sx = 0,
    sy = 0,
    n = 0;
  const walk = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number' && typeof c[1] === 'number') {
      sx += c[0];
      sy += c[1];
      n += 1;
      return;
    }
    for (const x of c) walk(x);
  };
  walk(g.coordinates);
  return n > 0 ? { lon: sx / n, lat: sy / n, pointLike: false } : null;
}

/** A GeoJSON FeatureCollection of points, streamed; properties mapped like CSV headers. */
export async function* readFeedGeojson(file: string, options: ReadOptions): AsyncGenerator<RawFeedRow> {
  const maps = new Map<string, ColumnMap>();
  const badElements: { index: number; message: string }[] = [];
  const elements = streamJsonElements(file, {
    keys: ['features'],
    onBadElement: (index, message) => badElements.push({ index, message }),
  });
  for await (const { index, value } of elements) {
    while (badElements.length > 0) {
      const b = badElements.shift()!;
      unreadable(options.report, b.index + 1, b.message);
    }
    const row = index + 1;
    const feature = value as { type?: unknown; id?: unknown; properties?: unknown; geometry?: unknown };
    if (!feature || typeof feature !== 'object' || feature.type !== 'Feature') {
      unreadable(options.report, row, 'not a GeoJSON Feature');
      continue;
    }
    const props =
      feature.properties && typeof feature.properties === 'object' && !Array.isArray(feature.properties)
        ? (feature.properties as Record<string, unknown>)
        : {};
    const keys = Object.keys(props);
    if (keys.length > MAX_COLUMNS) {
      unreadable(options.report, row, `${keys.length} properties; at most ${MAX_COLUMNS}`);
      continue;
    }
    const signature = keys.join('\u0000');
    let map = maps.get(signature);
    if (!map) {
      map = mapColumns(keys, options.mapping);
      if (maps.size < 1000) maps.set(signature, map);
      if (maps.size === 1) options.onColumns?.(map);
    }
    const values: Partial<Record<FeedField, unknown>> = {};
    for (const [field, key] of Object.entries(map.fields) as [FeedField, string][]) values[field] = props[key];
    if (values.id === undefined && (typeof feature.id === 'string' || typeof feature.id === 'number'))
      values.id = String(feature.id);
    const issues = [];
    const pos = firstPosition(feature.geometry);
    if (pos) {
      // Geometry wins over coordinate properties: it is what a map shows.
      values.lon = pos.lon;
      values.lat = pos.lat;
      if (!pos.pointLike)
        issues.push(rowIssue(row, 'geometry', (feature.geometry as { type?: unknown }).type, 'not_a_point'));
    }
    const extra: Record<string, unknown> = {};
    for (const k of map.unmapped) {
      const v = props[k];
      if (v !== null && v !== undefined && v !== '' && JSON.stringify(v).length <= 2000) extra[k] = v;
    }
    yield { row, values, extra, issues };
  }
  while (badElements.length > 0) {
    const b = badElements.shift()!;
    unreadable(options.report, b.index + 1, b.message);
  }
}
