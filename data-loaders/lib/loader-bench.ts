import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../../db/database.js';
import { Gazetteer } from './gazetteer.js';
import { importFeedFile } from './import-feed.js';
import type { FeedSpec } from './point-record.js';

/** Writes a CSV of `rows` generated offices in the common layout, streamed (never held in memory). */
export async function writeBenchCsv(file: string, rows: number): Promise<string> {
  const fh = await fs.promises.open(file, 'w');
  try {
    let chunk = 'id,name,address,city,province,postal_code,phone,email,website,lat,lon,services,languages,hours\n';
    for (let i = 0; i < rows; i += 1) {
      // Spread over southern Ontario and Quebec; every row valid and located by its own coordinates.
      const lat = 43.2 + ((i * 7919) % 100000) / 25000;
      const lon = -80.5 + ((i * 104729) % 100000) / 12500;
      chunk += `B${i},Bench office ${i},${i} Main Street,Ottawa,ON,K1A 0B1,613-555-${String(i % 10000).padStart(4, '0')},o${i}@example.ca,https://example.ca/${i},${lat.toFixed(5)},${lon.toFixed(5)},passport;pensions,en;fr,Mon-Fri 8:30-16:30\n`;
      if (chunk.length > 1 << 20) {
        await fh.write(chunk);
        chunk = '';
      }
    }
    await fh.write(chunk);
  } finally {
    await fh.close();
  }
  return file;
}

export interface LoaderBenchResult {
  rows: number;
  accepted: number;
  seconds: number;
  rowsPerSecond: number;
  /** Highest resident set size seen during the load, in MB (sampled every 100 ms). */
  peakRssMb: number;
  status: string;
}

/**
 * Loads a generated CSV of `rows` rows through the real path (importFeedFile:
 * streaming read, one row schema, Canada check, batched insert, publish) and
 * reports rows per second and peak RSS. For `npm run bench`.
 */
export async function loaderBench(
  db: Database,
  rows: number,
  options: { file?: string; feedId?: string } = {},
): Promise<LoaderBenchResult> {
  const file =
    options.file ??
    (await writeBenchCsv(
      path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'loader-bench-')), `bench-${rows}.csv`),
      rows,
    ));
  const feed: FeedSpec = {
    id: options.feedId ?? `bench-${rows}`,
    jurisdiction_id: 'ca-on',
    name_en: `Benchmark feed (${rows} rows)`,
    name_fr: `Flux d’essai de performance (${rows} lignes)`,
    format: 'csv',
    licence: 'Generated',
    is_synthetic: true,
  };
  const gazetteer = await Gazetteer.fromDatabase(db);
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  const started = process.hrtime.bigint();
  try {
    const r = await importFeedFile(db, feed, file, { originalName: path.basename(file), publish: true, gazetteer });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    peak = Math.max(peak, process.memoryUsage().rss);
    return {
      rows: r.report.rows,
      accepted: r.report.accepted,
      seconds,
      rowsPerSecond: r.report.rows / seconds,
      peakRssMb: peak / 1048576,
      status: r.status,
    };
  } finally {
    clearInterval(timer);
    if (!options.file) fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}
