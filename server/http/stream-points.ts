import { once } from 'node:events';
import type { Response } from 'express';
import { stringify } from 'csv-stringify/sync';
import { safeCsvCell } from './send-list.js';

/** The columns of a streamed CSV export, fixed before the first row (dotted names are nested fields). */
export const EXPORT_COLUMNS = [
  'id',
  'name',
  'name_en',
  'name_fr',
  'level',
  'jurisdiction_id',
  'jurisdiction_name',
  'categories',
  'address',
  'city',
  'province',
  'postal_code',
  'phone',
  'email',
  'website',
  'languages',
  'accessibility',
  'hours.text',
  'open_now',
  'hours_today.text',
  'time_zone',
  'lon',
  'lat',
  'geocode_quality',
  'is_synthetic',
  'standard.text',
  'performance.wait.minutes',
  'performance.wait.measured_at',
  'source.feed_id',
  'source.feed_name',
  'source.licence',
  'source.attribution',
  'source.updated_at',
] as const;

function pick(item: Record<string, unknown>, dotted: string): unknown {
  let v: unknown = item;
  for (const key of dotted.split('.')) {
    if (v === null || v === undefined || typeof v !== 'object') return null;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

type Item = Record<string, unknown> & { id: string; lon: number | null; lat: number | null };

/**
 * Streams a list of unknown length as CSV (UTF-8 with BOM, formula-safe) or a
 * GeoJSON FeatureCollection, asking `next` for one page at a time and waiting
 * for the client to drain each. A client that goes away stops the reading; a
 * failure after the first byte cuts the response (a truncated file is never
 * mistaken for a whole one).
 */
export async function streamPoints(
  res: Response,
  format: 'csv' | 'geojson',
  filename: string,
  next: () => Promise<{ items: Item[]; done: boolean }>,
): Promise<void> {
  const safeName = filename.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 100);
  res.set('Cache-Control', 'public, max-age=60');
  if (format === 'csv') {
    res.set('Content-Disposition', `attachment; filename="${safeName}.csv"`);
    res.type('text/csv; charset=utf-8');
  } else {
    res.set('Content-Disposition', `attachment; filename="${safeName}.geojson"`);
    res.type('application/geo+json');
  }
  let gone = false;
  res.on('close', () => {
    gone = true;
  });
  const write = async (chunk: string) => {
    if (!res.write(chunk) && !gone) await Promise.race([once(res, 'drain'), once(res, 'close')]);
  };
  let first = true;
  try {
    await write(
      format === 'csv' ? `\uFEFF${stringify([[...EXPORT_COLUMNS]])}` : '{"type":"FeatureCollection","features":[',
    );
    for (;;) {
      if (gone) return;
      const page = await next();
      let chunk = '';
      for (const item of page.items) {
        if (format === 'csv') {
          chunk += stringify([EXPORT_COLUMNS.map((c) => safeCsvCell(pick(item, c)))]);
        } else {
          const { lon, lat, ...properties } = item;
          const located = typeof lon === 'number' && typeof lat === 'number';
          chunk += `${first ? '' : ','}${JSON.stringify({
            type: 'Feature',
            id: item.id,
            geometry: located ? { type: 'Point', coordinates: [lon, lat] } : null,
            properties,
          })}`;
          first = false;
        }
      }
      if (chunk) await write(chunk);
      if (page.done) break;
    }
    if (format === 'geojson') await write(']}');
    res.end();
  } catch (err) {
    if (!res.headersSent) throw err;
    res.destroy(err as Error);
  }
}
