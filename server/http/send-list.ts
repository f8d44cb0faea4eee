import type { Response } from 'express';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';

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

function unwrap(schema: z.ZodType): z.ZodType {
  let inner = schema;
  while (inner instanceof z.ZodNullable || inner instanceof z.ZodOptional || inner instanceof z.ZodDefault) {
    inner = inner.unwrap() as z.ZodType;
  }
  return inner;
}

/**
 * The CSV columns of a list's item, in the order its contract schema names
 * them, nested objects as `parent.child` (as `flatten` writes them). An
 * export of an empty list still has its header, so an analyst's spreadsheet
 * or script reads the same columns whether or not anything matched.
 */
export function csvColumnsOf(schema: z.ZodType, prefix = ''): string[] {
  const object = unwrap(schema);
  if (!(object instanceof z.ZodObject)) return [];
  return Object.entries(object.shape as Record<string, z.ZodType>).flatMap(([key, value]) => {
    const inner = unwrap(value);
    return inner instanceof z.ZodObject && key !== 'hours'
      ? csvColumnsOf(inner, `${prefix}${key}.`)
      : [`${prefix}${key}`];
  });
}

/**
 * One CSV row of an item: nested objects become `parent.child` columns. With
 * the item's schema, only what it declares as an object is spread (a record
 * such as a column mapping stays one JSON cell, whatever keys it has).
 */
function flatten(item: Record<string, unknown>, schema: z.ZodType | null, prefix = ''): Record<string, unknown> {
  const object = schema ? unwrap(schema) : null;
  const shape = object instanceof z.ZodObject ? (object.shape as Record<string, z.ZodType>) : null;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) {
    const field = shape?.[k] ? unwrap(shape[k]) : null;
    const spread = schema
      ? field instanceof z.ZodObject && k !== 'hours'
      : k !== 'hours' && !Array.isArray(v) && !(v instanceof Date);
    if (spread && v && typeof v === 'object') {
      Object.assign(out, flatten(v as Record<string, unknown>, field, `${prefix}${k}.`));
    } else {
      out[`${prefix}${k}`] = v;
    }
  }
  return out;
}

/** The item schema of a page schema whose `results` is an array. */
function itemOf(page: z.ZodType): z.ZodType | null {
  const object = unwrap(page);
  if (!(object instanceof z.ZodObject)) return null;
  const results = (object.shape as Record<string, z.ZodType>)['results'];
  const list = results ? unwrap(results) : null;
  return list instanceof z.ZodArray ? (list.element as z.ZodType) : null;
}

/**
 * The columns of a CSV export: the item schema's first, then any key the
 * rows have that it lacks (a nested object sent as null keeps its
 * `parent.child` columns, empty, rather than adding a `parent` column).
 */
function columnsFor(rows: Record<string, unknown>[], item: z.ZodType | null): string[] {
  const known = item ? csvColumnsOf(item) : [];
  const seen = new Set(known);
  const extra = rows
    .flatMap((r) => Object.keys(r))
    .filter((k) => !seen.has(k) && !known.some((c) => c.startsWith(`${k}.`)));
  return [...known, ...new Set(extra)];
}

/**
 * Sends a list as JSON (`{results}` plus `extra`), a GeoJSON FeatureCollection
 * (items with lon/lat become points) or CSV (UTF-8 with BOM, formula-safe).
 */
export function sendList(
  res: Response,
  format: ListFormat,
  items: Record<string, unknown>[],
  options: {
    extra?: Record<string, unknown>;
    filename?: string;
    cacheControl?: string;
    /** The contract schema of one item: it names the CSV columns, in its order, even when the list is empty. */
    item?: z.ZodType;
  } = {},
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
    const rows = items.map((item) => flatten(item, options.item ?? null));
    const columns = columnsFor(rows, options.item ?? null);
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
  options: {
    filename?: string;
    cacheControl?: string;
    /** The page's contract schema: its `results` item names the CSV columns. */
    schema: z.ZodType;
  },
): void {
  const { results, ...extra } = page;
  const { schema, ...rest } = options;
  const item = itemOf(schema);
  sendList(res, format, results as Record<string, unknown>[], { ...rest, extra, ...(item ? { item } : {}) });
}
