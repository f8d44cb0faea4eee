import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { distance } from '@turf/distance';
import { loadNpmGazetteer } from '../data-loaders/sources/gazetteer-npm.js';
import type { Database } from '../db/database.js';
import { recomputeCoverage } from '../data-loaders/lib/coverage/coverage-store.js';
import { straightLine } from '../data-loaders/lib/coverage/distance-source.js';
import { refreshCoverageTotals, STORED_GAPS_BEYOND_KM } from '../data-loaders/lib/coverage/coverage-totals.js';
import { renderTile, type TileEngine } from '../server/tiles/render-tile.js';
import { createBenchDatabase } from './bench-db.js';
import { percentile, round, type Figure } from './figures.js';
import { queryPoints } from './nearest.js';
import { seedSyntheticPoints, seedSyntheticUnits } from './seed.js';
import { startServer } from './server-process.js';
import { createApiKey } from '../server/auth/api-keys.js';
import {
  hugeCellCsv,
  largeCsv,
  median,
  nearestDuringUpload,
  paddedCoordinatesCsv,
  uploadWithCurl,
  wideHeaderCsv,
} from '../tests/support/upload-latency.js';

export interface BenchSection {
  name: string;
  run: (ctx: { quick: boolean; baseUrl: string | null; log: (m: string) => void }) => Promise<Figure[]>;
}

const execFileAsync = promisify(execFile);

/** Loader: a generated CSV through the real import path, in a child process (its own RSS). */
const loader: BenchSection = {
  name: 'loader',
  async run({ quick, baseUrl, log }) {
    if (!baseUrl) return [];
    const out: Figure[] = [];
    for (const rows of quick ? [100_000] : [100_000, 1_000_000]) {
      log(`loader: ${rows.toLocaleString('en-CA')} rows`);
      const bench = await createBenchDatabase(baseUrl, `finder_bench_loader_${rows}`);
      try {
        await loadNpmGazetteer(bench.db);
        const { stdout } = await execFileAsync(
          process.execPath,
          ['--import', 'tsx', 'bench/loader-child.ts', bench.url, String(rows)],
          {
            maxBuffer: 1 << 20,
            timeout: 3_600_000,
          },
        );
        const r = JSON.parse(stdout.trim().split('\n').pop()!) as {
          rowsPerSecond: number;
          peakRssMb: number;
          accepted: number;
          seconds: number;
        };
        out.push({
          id: `loader_rows_per_s_${rows}`,
          label: `loader, ${rows.toLocaleString('en-CA')}-row CSV (read, validate, insert, publish)`,
          value: round(r.rowsPerSecond, 0),
          unit: 'rows/s',
          goal: rows === 100_000 ? '>= 20,000 rows/s' : undefined,
          goal_met: rows === 100_000 ? r.rowsPerSecond >= 20_000 : undefined,
          note: `${r.accepted} accepted in ${round(r.seconds, 1)} s`,
        });
        out.push({
          id: `loader_peak_rss_${rows}`,
          label: `loader peak RSS, ${rows.toLocaleString('en-CA')} rows`,
          value: round(r.peakRssMb, 0),
          unit: 'MB',
          goal: rows === 1_000_000 ? '<= 300 MB' : undefined,
          goal_met: rows === 1_000_000 ? r.peakRssMb <= 300 : undefined,
        });
      } finally {
        await bench.drop();
      }
    }
    return out;
  },
};

async function timeIt<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}

/**
 * The nearest-point table for every unit ('all' scope), timed inside a transaction that
 * is rolled back: from nothing (the scope's rows deleted and vacuumed first, so every row
 * is new) and, once stored, again (the store's recompute keeps unchanged rows).
 */
async function timeAllScope(db: Database): Promise<{ fresh: number; again: number }> {
  const timed = async (): Promise<number> => {
    let ms = 0;
    await db
      .transaction(async (tx) => {
        [, ms] = await timeIt(() => straightLine.computeScope(tx, 'all', {}, null));
        throw new Error('rollback');
      })
      .catch((e: Error) => {
        if (e.message !== 'rollback') throw e;
      });
    return ms;
  };
  await db.query("DELETE FROM coverage_distances WHERE scope = 'all'");
  await db.exec('VACUUM coverage_distances');
  const fresh = await timed();
  await db.transaction((tx) => straightLine.computeScope(tx, 'all', {}, null));
  const again = await timed();
  return { fresh, again };
}

/** Coverage: nearest-point table at each size; Turf brute force on a sample; stored-result endpoints. */
const coverage: BenchSection = {
  name: 'coverage',
  async run({ quick, baseUrl, log }) {
    if (!baseUrl) return [];
    const out: Figure[] = [];
    const bench = await createBenchDatabase(baseUrl, 'finder_bench_coverage');
    try {
      const nPoints = 10_000;
      await seedSyntheticPoints(bench.db, nPoints);
      const sizes = quick ? [5_000, 50_000] : [5_000, 50_000, 500_000];
      for (const m of sizes) {
        log(`coverage: ${m.toLocaleString('en-CA')} units x ${nPoints.toLocaleString('en-CA')} points`);
        await seedSyntheticUnits(bench.db, m);
        await bench.db.exec('VACUUM ANALYZE population_units');
        const load = os.loadavg()[0]!;
        const { fresh: ms, again } = await timeAllScope(bench.db);
        out.push({
          id: `coverage_recompute_${m}`,
          label: `coverage recompute (nearest point per unit), ${m.toLocaleString('en-CA')} units x 10,000 points`,
          value: round(ms / 1000, 2),
          unit: 's',
          reference: { label: 'again, rows stored and unchanged', value: round(again / 1000, 2), unit: 's' },
          goal: m === 500_000 ? '<= 5 s' : undefined,
          goal_met: m === 500_000 ? ms <= 5000 : undefined,
          note: `${round((ms * 1000) / m, 1)} µs per unit, every row new; load average at start ${round(load, 1)}`,
        });
        if (m === 50_000) {
          // The previous method, in the same minute: one KNN walk of a GiST index per unit in PostGIS.
          let knnMs = 0;
          await bench.db
            .transaction(async (tx) => {
              await tx.exec(
                `CREATE TEMPORARY TABLE knn_points AS SELECT pk, id, geog FROM service_points WHERE is_published AND geog IS NOT NULL;
                 CREATE INDEX ON knn_points USING gist (geog); ANALYZE knn_points`,
              );
              [, knnMs] = await timeIt(() =>
                tx.query(
                  `CREATE TEMPORARY TABLE knn_rows AS
                   SELECT u.id, n.pk, n.distance_m FROM population_units u
                   CROSS JOIN LATERAL (SELECT p.pk, ST_Distance(p.geog, u.point::geography, false) AS distance_m
                     FROM knn_points p ORDER BY p.geog <-> u.point::geography LIMIT 1) n`,
                ),
              );
              throw new Error('rollback');
            })
            .catch((e: Error) => {
              if (e.message !== 'rollback') throw e;
            });
          out.push({
            id: 'coverage_recompute_vs_database_knn',
            label: 'coverage recompute, 50,000 units: previous method (one GiST KNN walk per unit in PostGIS) / ours',
            value: round(knnMs / ms, 1),
            unit: 'x',
            reference: { label: 'previous method', value: round(knnMs / 1000, 2), unit: 's' },
            note: 'same run, same units and points; ours writes the rows too, the previous method only a temporary table',
          });
          // Turf brute force over every point for a sample of units, against the same units' share of our time.
          const pts = (
            await bench.db.query<{ lon: number; lat: number }>('SELECT lon, lat FROM service_points WHERE is_published')
          ).rows.map((p) => [p.lon, p.lat] as [number, number]);
          const sample = (
            await bench.db.query<{ lon: number; lat: number; d: number }>(
              `SELECT ST_X(u.point) AS lon, ST_Y(u.point) AS lat,
                    (SELECT ST_Distance(sp.geog, u.point::geography, false) FROM service_points sp WHERE sp.is_published ORDER BY sp.geog <-> u.point::geography LIMIT 1) AS d
             FROM population_units u ORDER BY u.id LIMIT 200`,
            )
          ).rows;
          let worst = 0;
          const t0 = performance.now();
          for (const u of sample) {
            let best = Infinity;
            for (const p of pts) best = Math.min(best, distance([u.lon, u.lat], p, { units: 'meters' }));
            worst = Math.max(worst, Math.abs(best - u.d) / Math.max(u.d, 1));
          }
          const turfPerUnit = (performance.now() - t0) / sample.length;
          const oursPerUnit = ms / m;
          out.push({
            id: 'coverage_turf_ratio',
            label: 'Turf brute force / our coverage, time per unit (200-unit sample, 10,000 points)',
            value: round(turfPerUnit / oursPerUnit, 0),
            unit: 'x',
            reference: { label: 'Turf per unit', value: round(turfPerUnit, 2), unit: 'ms' },
            goal: '>= 50x',
            goal_met: turfPerUnit / oursPerUnit >= 50,
            note: `same nearest distances within ${round(worst * 100, 2)} % (haversine vs spheroid)`,
          });
          // Endpoints that answer from the stored results.
          const { scopes } = await recomputeCoverage(bench.db);
          // What the refresh adds up for them, for every stored scope (a publish does it for the scopes it touches).
          const refreshLoad = os.loadavg()[0]!;
          const [, refreshMs] = await timeIt(() =>
            bench.db.transaction((tx) => refreshCoverageTotals(tx, null, scopes)),
          );
          const farRows = (await bench.db.query<{ n: number }>('SELECT count(*)::int AS n FROM coverage_gap_distances'))
            .rows[0]!.n;
          out.push({
            id: 'coverage_totals_refresh_50000',
            label: `coverage totals and far units (gaps, suggestions) refreshed for all ${scopes.length} stored scopes, 50,000 units`,
            value: round(refreshMs / 1000, 2),
            unit: 's',
            note: `${farRows.toLocaleString('en-CA')} far-unit rows (beyond ${STORED_GAPS_BEYOND_KM} km) of ${(scopes.length * m).toLocaleString('en-CA')}; load average at start ${round(refreshLoad, 1)}`,
          });
          await loadNpmGazetteer(bench.db);
          const server = await startServer({ DATABASE_URL: bench.url });
          try {
            for (const [id, path] of [
              ['coverage', '/api/coverage?group_by=province&threshold_km=50'],
              ['gaps', '/api/gaps?limit=50&threshold_km=50'],
              ['suggest', '/api/partnerships/suggest?k=5&threshold_km=50&candidates=places'],
            ] as const) {
              const lat: number[] = [];
              const load = os.loadavg()[0]!;
              for (let i = 0; i < 30; i += 1) {
                const t = performance.now();
                const r = await fetch(`${server.url}${path}&_=${i}`);
                await r.arrayBuffer();
                if (!r.ok) throw new Error(`${path}: ${r.status}`);
                lat.push(performance.now() - t);
              }
              lat.sort((a, b) => a - b);
              const p50 = percentile(lat, 50);
              out.push({
                id: `analysis_${id}_p50`,
                label: `${id} endpoint from stored results, 50,000 units x 10,000 points (p50)`,
                value: round(p50, 1),
                unit: 'ms',
                reference: { label: 'p95', value: round(percentile(lat, 95), 1), unit: 'ms' },
                goal: '<= 100 ms',
                goal_met: p50 <= 100,
                note: `${path}; 30 requests one after another; load average at start ${round(load, 1)}`,
              });
            }
          } finally {
            await server.stop();
          }
        }
      }
    } finally {
      await bench.drop();
    }
    return out;
  },
};

function tileOf(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return [
    Math.floor(((lon + 180) / 360) * n),
    Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n),
  ];
}

async function tileLatencies(db: Database, engine: TileEngine, zooms: number[], count: number): Promise<number[]> {
  const pts = queryPoints(count);
  const lat: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const z = zooms[i % zooms.length]!;
    const [x, y] = tileOf(pts[i]!.lon, pts[i]!.lat, z);
    const t = performance.now();
    await renderTile(db, 'service_points', z, x, y, engine);
    lat.push(performance.now() - t);
  }
  return lat.sort((a, b) => a - b);
}

/** Tiles at 100k points: our path (cut in Node) against ST_AsMVT, per zoom band; our path on PGlite. */
const tiles: BenchSection = {
  name: 'tiles',
  async run({ quick, baseUrl, log }) {
    const out: Figure[] = [];
    const bands: [string, number[]][] = [
      ['z0-4', [0, 1, 2, 3, 4]],
      ['z5-8', [5, 6, 7, 8]],
      ['z9-12', [9, 10, 11, 12]],
      ['z13-16', [13, 14, 15, 16]],
    ];
    const count = quick ? 200 : 800;
    if (baseUrl) {
      const bench = await createBenchDatabase(baseUrl, 'finder_bench_tiles');
      try {
        log('tiles: 100,000 points, server mode');
        await seedSyntheticPoints(bench.db, 100_000);
        await renderTile(bench.db, 'service_points', 0, 0, 0, 'node'); // builds the index once, as on publish
        let allOurs: number[] = [];
        for (const [band, zooms] of bands) {
          const ours = await tileLatencies(bench.db, 'node', zooms, count);
          const theirs = await tileLatencies(bench.db, 'postgis', zooms, count);
          allOurs = allOurs.concat(ours);
          const p50 = percentile(ours, 50);
          const ref = percentile(theirs, 50);
          out.push({
            id: `tiles_${band}`,
            label: `service-point tile ${band}, 100,000 points, our path (p50 / p95 ${round(percentile(ours, 95), 2)} ms)`,
            value: round(p50, 2),
            unit: 'ms',
            reference: {
              label: `ST_AsMVT p50 (p95 ${round(percentile(theirs, 95), 2)} ms)`,
              value: round(ref, 2),
              unit: 'ms',
            },
            ratio: round(p50 / ref),
            goal: '<= 10 ms and not slower than ST_AsMVT',
            goal_met: p50 <= 10 && p50 <= ref,
          });
        }
      } finally {
        await bench.drop();
      }
    }
    // PGlite: the same path with the embedded database (ST_AsMVT does not exist there).
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { createPgliteDatabase } = await import('../db/pglite-database.js');
    const { migrate } = await import('../db/migrate.js');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finder-bench-tiles-'));
    const lite = await createPgliteDatabase(dir);
    try {
      const n = quick ? 20_000 : 100_000;
      log(`tiles: ${n.toLocaleString('en-CA')} points, PGlite`);
      await migrate(lite);
      await seedSyntheticPoints(lite, n);
      await renderTile(lite, 'service_points', 0, 0, 0, 'node');
      const all = await tileLatencies(lite, 'node', [0, 2, 4, 6, 8, 10, 12, 14, 16], count);
      out.push({
        id: 'tiles_pglite',
        label: `service-point tile, all zooms, ${n.toLocaleString('en-CA')} points, PGlite, our path (p50)`,
        value: round(percentile(all, 50), 2),
        unit: 'ms',
        reference: { label: 'p95', value: round(percentile(all, 95), 2), unit: 'ms' },
      });
    } finally {
      await lite.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return out;
  },
};

/** Sections measured after the nearest-point figures. */
/**
 * Issue 12's measure: one citizen's nearest answers while a steward's crafted
 * upload is processed by the real server (its own process, 100,000 published
 * points), against the same citizen with no upload just before and after.
 * Goal: the median and the worst each within 100 ms of idle.
 */
const uploads: BenchSection = {
  name: 'uploads',
  async run({ quick, baseUrl, log }) {
    if (!baseUrl) return [];
    const out: Figure[] = [];
    const bench = await createBenchDatabase(baseUrl, 'finder_bench_uploads');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finder-bench-uploads-'));
    try {
      await seedSyntheticPoints(bench.db, quick ? 10_000 : 100_000);
      await bench.db.exec('VACUUM ANALYZE service_points');
      const { key } = await createApiKey(bench.db, 'ca-nb', 'bench uploads');
      const server = await startServer({
        DATABASE_URL: bench.url,
        RATE_LIMIT_PER_MIN: '0',
        WRITE_RATE_LIMIT_PER_MIN: '0',
      });
      try {
        // The server loads its nearest index of every published point first; then the steward's feed.
        for (let i = 0; i < 600; i++) {
          const ready = (await (await fetch(`${server.url}/api/ready`)).json()) as {
            nearest_index?: { state?: string };
          };
          if (!['loading', 'stale'].includes(ready.nearest_index?.state ?? '')) break;
          await new Promise((r) => setTimeout(r, 500));
        }
        let created: Response | null = null;
        for (let i = 0; i < 5 && created?.status !== 201; i++) {
          if (i > 0) await new Promise((r) => setTimeout(r, 2000));
          created = await fetch(`${server.url}/api/feeds`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ id: 'ca-nb-bench-upload', name: 'Bench upload' }),
          });
        }
        if (created?.status !== 201)
          throw new Error(`feed not created: ${created?.status} ${await created?.text().catch(() => '')}`);
        const cases: [string, string, () => Buffer][] = [
          ['wide_header', 'a header of 60,000 columns', () => wideHeaderCsv()],
          ['huge_cell', 'a cell of 15 MiB', () => hugeCellCsv()],
          ['padded_coordinates', 'coordinate cells padded with 6,000 spaces', () => paddedCoordinatesCsv()],
          ['rows_100000', '100,000 ordinary rows', () => largeCsv(quick ? 30_000 : 100_000)],
        ];
        for (const [id, label, make] of cases) {
          log(`uploads: nearest during an upload of ${label}`);
          const file = path.join(dir, `${id}.csv`);
          fs.writeFileSync(file, make());
          const m = await nearestDuringUpload(
            server.url,
            () => uploadWithCurl(server.url, key, 'ca-nb-bench-upload', file),
            { idleMs: 3000, nearestPath: '/api/service-points/nearest?lon=-79.38&lat=43.65&limit=10' },
          );
          fs.rmSync(file, { force: true });
          const status = (JSON.parse(m.answer) as { status?: string }).status ?? 'unknown';
          const worst = Math.max(...m.during);
          const idleWorst = Math.max(...m.idle);
          const med = median(m.during);
          const idleMedian = median(m.idle);
          out.push({
            id: `upload_nearest_worst_${id}`,
            label: `worst nearest answer during an upload of ${label}`,
            value: round(worst, 1),
            unit: 'ms',
            reference: { label: 'worst with no upload, before and after', value: round(idleWorst, 1), unit: 'ms' },
            goal: '<= idle + 100 ms (median and worst)',
            goal_met: worst <= idleWorst + 100 && med <= idleMedian + 100,
            note: `${m.during.length} answers during (${status}), median ${round(med, 1)} ms against ${round(idleMedian, 1)} ms idle (${m.idle.length} answers)`,
          });
        }
      } finally {
        await server.stop();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await bench.drop();
    }
    return out;
  },
};

export const extraSections: BenchSection[] = [loader, coverage, tiles, uploads];
