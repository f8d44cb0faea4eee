/**
 * `npm run soak`: a bounded soak of the real server (server mode) over the
 * citizen endpoints: nearest, place search and tiles, many connections on
 * loopback. Reports errors, throughput, p99 and the server's memory growth
 * between the end of warm-up and the end of the run (bench/soak-results.json).
 */
import fs from 'node:fs';
import autocannon from 'autocannon';
import { loadNpmGazetteer } from '../data-loaders/sources/gazetteer-npm.js';
import { createBenchDatabase } from './bench-db.js';
import { queryPoints } from './nearest.js';
import { seedSyntheticPoints } from './seed.js';
import { startServer } from './server-process.js';

const seconds = Number(process.argv.find((a) => a.startsWith('--seconds='))?.slice(10) ?? 60);
const connections = Number(process.argv.find((a) => a.startsWith('--connections='))?.slice(14) ?? 64);
const baseUrl = process.env['DATABASE_URL'];
if (!baseUrl) {
  console.error('The soak runs in server mode: set DATABASE_URL.');
  process.exit(2);
}

function rssKb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
}

function tilePath(lon: number, lat: number, z: number): string {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const r = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return `/tiles/service_points/${z}/${x}/${y}.mvt`;
}

const bench = await createBenchDatabase(baseUrl, 'finder_soak');
await seedSyntheticPoints(bench.db, 100_000);
await loadNpmGazetteer(bench.db);
const server = await startServer({ DATABASE_URL: bench.url, PG_POOL_MAX: '16' });
const points = queryPoints();
const words = ['fred', 'montreal', 'trois-ri', 'e3b', 'saint-j', 'vancou', 'iqaluit', 'regina', 'halifax', 'whiteh'];
const probe = await fetch(`${server.url}${tilePath(-66.64, 45.96, 8)}`);
const withTiles = probe.ok;
let i = 0;
const paths = () => {
  const k = i++;
  const p = points[k % points.length]!;
  const kind = k % (withTiles ? 3 : 2);
  if (kind === 0) return `/api/service-points/nearest?lon=${p.lon}&lat=${p.lat}&limit=10`;
  if (kind === 1) return `/api/places/search?q=${encodeURIComponent(words[k % words.length]!)}`;
  return tilePath(p.lon, p.lat, 6 + (k % 8));
};
const run = (duration: number) =>
  autocannon({
    url: server.url,
    connections,
    duration,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths() }) }],
  });
await run(5);
const before = rssKb(server.child.pid!);
const result = await run(seconds);
const after = rssKb(server.child.pid!);
await server.stop();
await bench.drop();
const out = {
  generated_at: new Date().toISOString(),
  seconds,
  connections,
  endpoints: withTiles ? ['nearest', 'places/search', 'tiles'] : ['nearest', 'places/search'],
  requests: result.requests.total,
  rps: Math.round(result.requests.average),
  p50_ms: result.latency.p50,
  p99_ms: result.latency.p99,
  errors: result.errors,
  timeouts: result.timeouts,
  non_2xx: result.non2xx,
  rss_before_mb: Math.round(before / 1024),
  rss_after_mb: Math.round(after / 1024),
  rss_growth_pct: Math.round(((after - before) / before) * 1000) / 10,
};
fs.writeFileSync('bench/soak-results.json', `${JSON.stringify(out, null, 2)}\n`);
console.log(out);
process.exit(out.errors + out.timeouts + out.non_2xx === 0 && out.rss_growth_pct < 10 ? 0 : 1);
