import type { Response } from 'express';
import { stringify } from 'csv-stringify/sync';

export type ListFormat = 'json' | 'geojson' | 'csv';

/** Characters that make a spreadsheet treat a cell as a formula, full-width forms included. */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** A CSV cell that a spreadsheet will show as text, never run as a formula. Numbers stay numbers. */
export function safeCsvCell(value: unknown): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? value : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = Array.isArray(value)
    ? value.every((v) => v === null || typeof v !== 'object')
      ? value.join(';')
      : JSON.stringify(value)
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function flatten(item: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) {
    if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && k !== 'hours') {
      Object.assign(out, flatten(v as Record<string, unknown>, `${prefix}${k}.`));
    } else {
      out[`${prefix}${k}`] = v;
    }
  }
  return out;
}

/**
 * Sends a list as JSON (`{results}` plus `extra`), a GeoJSON FeatureCollection
 * (items with lon/lat become points) or CSV (UTF-8 with BOM, formula-safe).
 */
export function sendList(
  res: Response,
  format: ListFormat,
  items: Record<string, unknown>[],
  options: { extra?: Record<string, unknown>; filename?: string; cacheControl?: string } = {},
): void {
  res.set('Cache-Control', options.cacheControl ?? 'public, max-age=60');
  if (format === 'geojson') {
    res.type('application/geo+json').send(
      JSON.stringify({
        type: 'FeatureCollection',
        ...options.extra,
        features: items.map((item) => {
          const { lon, lat, ...properties } = item;
          const located = typeof lon === 'number' && typeof lat === 'number';
          return {
            type: 'Feature',
            id: item['id'],
            geometry: located ? { type: 'Point', coordinates: [lon, lat] } : null,
            properties,
          };
        }),
      }),
    );
    return;
  }
  if (format === 'csv') {
    const rows = items.map((item) => flatten(item));
    const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    const body = stringify(
      rows.map((r) => columns.map((c) => safeCsvCell(r[c]))),
      { header: true, columns },
    );
    res.set('Content-Disposition', `attachment; filename="${options.filename ?? 'export'}.csv"`);
    res.type('text/csv; charset=utf-8').send(`\uFEFF${body}`);
    return;
  }
  res.json({ ...options.extra, results: items });
}

/**
 * Sends one page of a list whose JSON body is typed by its schema in
 * `contract/`: write the whole body as an object literal with
 * `satisfies <Page type>`, so a field the contract lacks, or one it has and
 * the route forgets, fails the type check. GeoJSON and CSV are made from the
 * same page (`results` as features or rows, the rest as members).
 */
export function sendPage<P extends { results: readonly object[] }>(
  res: Response,
  format: ListFormat,
  page: P,
  options: { filename?: string; cacheControl?: string } = {},
): void {
  const { results, ...extra } = page;
  sendList(res, format, results as Record<string, unknown>[], { ...options, extra });
}
