import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { percentile } from './figures.js';
import type { LoadFigures } from './nearest.js';
import { mulberry32 } from './random.js';

const execFileAsync = promisify(execFile);

/** The box of issue 14's measurements: southern Canada, where nearly everyone lives. */
export const BOX = { lonMin: -125, lonMax: -60, latMin: 43, latMax: 55 };

/** Search locations spread evenly over BOX (seeded), for both the endpoint and its reference. */
export function boxPoints(n = 2000, seed = 14): { lon: number; lat: number }[] {
  const r = mulberry32(seed);
  return Array.from({ length: n }, () => ({
    lon: Math.round((BOX.lonMin + r() * (BOX.lonMax - BOX.lonMin)) * 1e6) / 1e6,
    lat: Math.round((BOX.latMin + r() * (BOX.latMax - BOX.latMin)) * 1e6) / 1e6,
  }));
}

/**
 * The smallest honest k-nearest query (issue 14): what any nearest answer must
 * at least cost the database. The nearest endpoint is measured against it.
 */
export const MINIMAL_KNN_SQL =
  'SELECT id, name_en, lon, lat, ST_Distance(geog, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography) FROM service_points ' +
  'WHERE is_published AND geog IS NOT NULL ORDER BY geog <-> ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography LIMIT 10;';

export function hasPgbench(): boolean {
  return ['/usr/bin/pgbench', '/usr/lib/postgresql/15/bin/pgbench'].some((f) => fs.existsSync(f));
}

/**
 * The minimal query under pgbench (simple protocol, as in the issue):
 * `connections` clients for `seconds`, each at a random point of BOX.
 * p50/p99 come from pgbench's per-transaction log.
 */
export async function minimalKnnLoad(url: string, connections: number, seconds: number): Promise<LoadFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finder-pgbench-'));
  try {
    const script = path.join(dir, 'knn.sql');
    fs.writeFileSync(
      script,
      [
        `\\set lon ${BOX.lonMin} + random(0, ${(BOX.lonMax - BOX.lonMin) * 1e6}) / 1000000.0`,
        `\\set lat ${BOX.latMin} + random(0, ${(BOX.latMax - BOX.latMin) * 1e6}) / 1000000.0`,
        MINIMAL_KNN_SQL,
        '',
      ].join('\n'),
    );
    const { stdout } = await execFileAsync(
      'pgbench',
      [
        '-n',
        '-M',
        'simple',
        '-c',
        String(connections),
        '-j',
        '2',
        '-T',
        String(seconds),
        '-f',
        script,
        '-l',
        `--log-prefix=${path.join(dir, 'log')}`,
        url,
      ],
      { maxBuffer: 1 << 22, timeout: (seconds + 120) * 1000 },
    );
    const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1] ?? NaN);
    const failed = Number(/number of failed transactions: (\d+)/.exec(stdout)?.[1] ?? 0);
    const latencies: number[] = [];
    for (const f of fs.readdirSync(dir).filter((n) => n.startsWith('log'))) {
      for (const line of fs.readFileSync(path.join(dir, f), 'utf8').split('\n')) {
        const us = Number(line.split(' ')[2]);
        if (Number.isFinite(us) && line) latencies.push(us / 1000);
      }
    }
    latencies.sort((a, b) => a - b);
    return { rps: tps, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors: failed };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
