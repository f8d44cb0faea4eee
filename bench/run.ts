/**
 * `npm run bench` (full) and `npm run bench -- --quick` (a few minutes):
 * measures how cost grows with the work, each figure beside a reference
 * measured in the same run, and writes bench/results.json + docs/benchmarks.md.
 * Server-mode figures need DATABASE_URL (a role that can create databases).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { loadNpmGazetteer } from '../data-loaders/sources/gazetteer-npm.js';
import { migrate } from '../db/migrate.js';
import { createPgliteDatabase } from '../db/pglite-database.js';
import { createBenchDatabase } from './bench-db.js';
import { firstMapRender, initialJsGzip } from './client.js';
import { percentile, round, type Figure } from './figures.js';
import { endpointLoad, queryPoints, sequentialNearest, type LoadFigures } from './nearest.js';
import { boxPoints, hasPgbench, minimalKnnLoad } from './minimal-knn.js';
import { writeResults, type BenchResults } from './report.js';
import { seedSyntheticPoints } from './seed.js';
import { startServer } from './server-process.js';
import { extraSections } from './sections.js';

const quick = process.argv.includes('--quick');
/** `--only=loader` (or nearest, coverage, tiles, client...): run one section and merge its figures into bench/results.json. */
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7) ?? null;
const wanted = (name: string) => only === null || only === name;
const baseUrl = process.env['DATABASE_URL'];
const figures: Figure[] = [];
const log = (m: string) => console.error(`[bench] ${m}`);
const CONNECTIONS = 32;
const SECONDS = quick ? 4 : 10;
/** `--sizes=100000` (comma-separated) measures nearest at those sizes only. */
const sizesArg = process.argv.find((a) => a.startsWith('--sizes='))?.slice(8);
const SIZES = sizesArg ? sizesArg.split(',').map(Number) : quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];

/** User + system CPU time of a process so far, in milliseconds (Linux /proc; NaN elsewhere). */
function processCpuMs(pid: number | undefined): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/** Waits until the server's nearest index has loaded (GET /api/ready says so), or gave up. */
async function indexState(serverUrl: string): Promise<{ state: string; points: number; load_ms: number | null }> {
  for (let i = 0; i < 1200; i += 1) {
    const r = (await (await fetch(`${serverUrl}/api/ready`)).json()) as {
      nearest_index: { state: string; points: number; load_ms: number | null };
    };
    if (!['loading', 'stale'].includes(r.nearest_index.state)) return r.nearest_index;
    await new Promise((res) => setTimeout(res, 500));
  }
  return { state: 'timed out', points: 0, load_ms: null };
}

async function nearestSection(url: string): Promise<void> {
  // Issue 14's measure: random search points over southern Canada for both the endpoint and its reference.
  const points = boxPoints();
  const rps: Record<number, number> = {};
  const pgbench = hasPgbench();
  for (const n of SIZES) {
    log(`nearest: seeding ${n.toLocaleString('en-CA')} points`);
    const bench = await createBenchDatabase(url, `finder_bench_${n}`);
    try {
      await seedSyntheticPoints(bench.db, n);
      await bench.db.exec('VACUUM ANALYZE service_points');
      if (n === 100_000) await loadNpmGazetteer(bench.db);
      const server = await startServer({
        DATABASE_URL: bench.url,
        PG_POOL_MAX: String(CONNECTIONS),
        NEAREST_INDEX_MAX_POINTS: '2000000',
      });
      try {
        const index = await indexState(server.url);
        // Warm both paths the same way before measuring; the machine's load is part of the record.
        const load = os.loadavg()[0]!;
        await endpointLoad(server.url, points, CONNECTIONS, 1);
        const cpu0 = processCpuMs(server.child.pid);
        const endpoint = await endpointLoad(server.url, points, CONNECTIONS, SECONDS);
        const cpuPerRequest = (processCpuMs(server.child.pid) - cpu0) / (endpoint.rps * SECONDS);
        let raw: LoadFigures | null = null;
        if (pgbench) {
          await minimalKnnLoad(bench.url, CONNECTIONS, 1);
          raw = await minimalKnnLoad(bench.url, CONNECTIONS, SECONDS);
        }
        rps[n] = endpoint.rps;
        const label = `${n.toLocaleString('en-CA')} points`;
        const ratio = raw ? endpoint.rps / raw.rps : null;
        const where =
          index.state === 'ready'
            ? `answered from the in-process index (${index.points} points, loaded in ${index.load_ms} ms)`
            : `index ${index.state}: answered by SQL`;
        figures.push({
          id: `nearest_rps_${n}`,
          label: `nearest endpoint throughput, ${label}, ${CONNECTIONS} connections`,
          value: round(endpoint.rps, 0),
          unit: 'req/s',
          reference: {
            label: 'minimal k-nearest query (issue 14), pgbench, simple protocol',
            value: raw ? round(raw.rps, 0) : null,
            unit: 'req/s',
          },
          ratio: round(ratio),
          goal: 'ratio >= 0.6',
          goal_met: ratio === null ? null : ratio >= 0.6,
          note: `${where}; errors: endpoint ${endpoint.errors}, minimal ${raw?.errors ?? 'n/a'}; minimal p50 ${round(raw?.p50, 1)} ms, p99 ${round(raw?.p99, 1)} ms; load average at start ${round(load, 1)}${pgbench ? '' : '; pgbench not installed'}`,
        });
        figures.push({
          id: `nearest_p99_${n}`,
          label: `nearest endpoint p50 / p99, ${label}`,
          value: round(endpoint.p99, 1),
          unit: 'ms p99',
          reference: { label: 'endpoint p50', value: round(endpoint.p50, 1), unit: 'ms' },
          goal: 'p99 <= 30 ms, 0 errors',
          goal_met: endpoint.p99 <= 30 && endpoint.errors === 0,
        });
        figures.push({
          id: `nearest_cpu_${n}`,
          label: `nearest endpoint: server CPU per request, ${label}`,
          value: round(cpuPerRequest, 3),
          unit: 'ms',
          note: 'user + system time of the server process over the run, divided by the requests answered: unlike req/s, it does not depend on how busy the machine is',
        });
        if (n === 100_000) await placeSearchSection(server.url);
      } finally {
        await server.stop();
      }
      if (n === 10_000) await pgliteSection(bench.db, n);
    } finally {
      await bench.drop();
    }
  }
  const small = rps[10_000];
  const large = rps[1_000_000];
  figures.push({
    id: 'nearest_scaling',
    label: 'throughput at 1M points / at 10k points',
    value: small && large ? round(large / small) : null,
    unit: '',
    goal: '>= 0.8',
    goal_met: small && large ? large / small >= 0.8 : null,
    note: large ? undefined : 'not measured in --quick (1M points take minutes to seed)',
  });
}

async function placeSearchSection(serverUrl: string): Promise<void> {
  const queries = [
    'fred',
    'montreal',
    'trois-ri',
    'e3b',
    'E3B 1A1',
    'saint-j',
    'vancou',
    'iqaluit',
    'sudbury',
    'quebec',
    'st. john',
    'moncton',
  ];
  for (const q of queries) await fetch(`${serverUrl}/api/places/search?q=${encodeURIComponent(q)}`);
  const latencies: number[] = [];
  for (let i = 0; i < (quick ? 240 : 1200); i += 1) {
    const q = queries[i % queries.length]!;
    const t0 = performance.now();
    const r = await fetch(`${serverUrl}/api/places/search?q=${encodeURIComponent(q)}&lang=en&_=${i}`);
    await r.arrayBuffer();
    latencies.push(performance.now() - t0);
  }
  latencies.sort((a, b) => a - b);
  const p95 = percentile(latencies, 95);
  figures.push({
    id: 'place_search_p95',
    label: 'place search p95 (sequential, HTTP, npm gazetteer)',
    value: round(p95, 1),
    unit: 'ms',
    reference: { label: 'p50', value: round(percentile(latencies, 50), 1), unit: 'ms' },
    goal: '<= 20 ms',
    goal_met: p95 <= 20,
  });
}

async function pgliteSection(serverDb: import('../db/database.js').Database, n: number): Promise<void> {
  log(`PGlite against PostGIS at ${n.toLocaleString('en-CA')} points`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finder-bench-pglite-'));
  const lite = await createPgliteDatabase(dir);
  try {
    await migrate(lite);
    await seedSyntheticPoints(lite, n);
    const points = queryPoints();
    await sequentialNearest(lite, points, 50);
    await sequentialNearest(serverDb, points, 50);
    const count = quick ? 300 : 1000;
    const l = await sequentialNearest(lite, points, count);
    const s = await sequentialNearest(serverDb, points, count);
    figures.push({
      id: 'pglite_vs_postgis_nearest',
      label: `nearest query p50, PGlite, ${n.toLocaleString('en-CA')} points (sequential)`,
      value: round(l.p50, 2),
      unit: 'ms',
      reference: { label: 'PostGIS p50', value: round(s.p50, 2), unit: 'ms' },
      ratio: round(l.p50 / s.p50),
      note: `p95 PGlite ${round(l.p95, 2)} ms, PostGIS ${round(s.p95, 2)} ms`,
    });
  } finally {
    await lite.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function clientSection(): Promise<void> {
  if (!fs.existsSync('dist/client/index.html')) {
    log('client: dist/client missing; run npm run build');
    return;
  }
  const js = initialJsGzip();
  figures.push({
    id: 'client_initial_js_gzip',
    label: 'client initial JavaScript (gzip)',
    value: round(js.bytes / 1024, 1),
    unit: 'KB',
    goal: '<= 350 KB',
    goal_met: js.bytes / 1024 <= 350,
    note: js.files.join(', '),
  });
  if (!fs.existsSync('/usr/bin/chromium')) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finder-bench-client-'));
  const lite = await createPgliteDatabase(dir);
  await migrate(lite);
  await loadNpmGazetteer(lite);
  await seedSyntheticPoints(lite, 2000);
  await lite.close();
  const server = await startServer({ DATA_DIR: dir, DATABASE_URL: '' });
  try {
    const { median: ms, runs } = await firstMapRender(server.url);
    const load = os.loadavg()[0]!;
    figures.push({
      id: 'client_first_map_render',
      label: 'time to first map render with results (headless Chromium, SwiftShader)',
      value: round(ms, 0),
      unit: 'ms',
      goal: '<= 1500 ms',
      goal_met: ms <= 1500,
      note: `median of ${runs.length} runs (${runs.join(', ')} ms), load average ${round(load, 1)}`,
    });
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function machine(): Promise<BenchResults['machine']> {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@electric-sql/pglite');
  const pkg = path.join(entry.slice(0, entry.lastIndexOf(`${path.sep}dist${path.sep}`)), 'package.json');
  const pglite = (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version: string }).version;
  let postgres: string | null = null;
  let postgis: string | null = null;
  if (baseUrl) {
    const pg = (await import('pg')).default;
    const c = new pg.Client({ connectionString: baseUrl });
    await c.connect();
    postgres = (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? null;
    postgis =
      (await c.query<{ v: string }>('SELECT postgis_lib_version() AS v').catch(() => ({ rows: [] as { v: string }[] })))
        .rows[0]?.v ?? null;
    await c.end();
  }
  return {
    cores: os.cpus().length,
    memory_gb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres,
    postgis,
    pglite,
  };
}

const started = Date.now();
if (!baseUrl) log('DATABASE_URL is not set: server-mode figures are skipped');
else if (wanted('nearest')) await nearestSection(baseUrl);
for (const section of extraSections) {
  if (!wanted(section.name)) continue;
  log(section.name);
  try {
    figures.push(...(await section.run({ quick, baseUrl: baseUrl ?? null, log })));
  } catch (err) {
    figures.push({
      id: section.name,
      label: section.name,
      value: null,
      unit: '',
      note: `failed: ${(err as Error).message}`,
    });
  }
}
if (wanted('client')) await clientSection();
let results: BenchResults = {
  generated_at: new Date().toISOString(),
  mode: quick ? 'quick' : 'full',
  machine: await machine(),
  figures,
};
if (only !== null && fs.existsSync('bench/results.json')) {
  // One section again: its figures replace those of the same id, the rest of the last run stays.
  const last = JSON.parse(fs.readFileSync('bench/results.json', 'utf8')) as BenchResults;
  const fresh = new Set(figures.map((f) => f.id));
  const note = `re-measured ${results.generated_at} (--only=${only})`;
  results = {
    ...last,
    figures: [
      ...last.figures.map((f) =>
        fresh.has(f.id)
          ? {
              ...figures.find((g) => g.id === f.id)!,
              note: [figures.find((g) => g.id === f.id)!.note, note].filter(Boolean).join('; '),
            }
          : f,
      ),
      ...figures.filter((f) => !last.figures.some((g) => g.id === f.id)),
    ],
  };
}
writeResults(results);
log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s: bench/results.json, docs/benchmarks.md`);
for (const f of figures)
  console.log(
    `${f.label}: ${f.value ?? 'n/a'} ${f.unit}${f.ratio !== undefined ? ` (ratio ${f.ratio})` : ''}${f.goal ? ` goal ${f.goal}: ${f.goal_met === true ? 'met' : f.goal_met === false ? 'MISSED' : 'not measured'}` : ''}`,
  );
process.exit(0);
