import autocannon from 'autocannon';
import pg from 'pg';
import type { Database } from '../db/database.js';
import { nearestQueryParams } from '../server/queries/nearest-service-points.js';
import { sqlFile } from '../db/sql-file.js';
import { percentile } from './figures.js';
import { syntheticUnits } from './synthetic.js';

/** Where people search from: points placed like the population (a different seed from the data). */
export function queryPoints(n = 2000): { lon: number; lat: number }[] {
  return [...syntheticUnits(n, 99)].map((u) => ({ lon: u.lon, lat: u.lat }));
}

export interface LoadFigures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

/** The nearest endpoint under autocannon: `connections` concurrent clients for `seconds`. */
export async function endpointLoad(
  baseUrl: string,
  points: { lon: number; lat: number }[],
  connections: number,
  seconds: number,
): Promise<LoadFigures> {
  let i = 0;
  const result = await autocannon({
    url: baseUrl,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => {
          const p = points[i++ % points.length]!;
          return { ...req, path: `/api/service-points/nearest?lon=${p.lon}&lat=${p.lat}&limit=10` };
        },
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
  };
}

/** The same KNN query sent straight to PostgreSQL by `connections` bare `pg` clients in a loop. */
export async function rawKnnLoad(
  url: string,
  points: { lon: number; lat: number }[],
  connections: number,
  seconds: number,
): Promise<LoadFigures> {
  const sql = sqlFile('nearest_service_points');
  const latencies: number[] = [];
  let errors = 0;
  let i = 0;
  const deadline = Date.now() + seconds * 1000;
  const clients = await Promise.all(
    Array.from({ length: connections }, async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  const started = Date.now();
  await Promise.all(
    clients.map(async (c) => {
      while (Date.now() < deadline) {
        const p = points[i++ % points.length]!;
        const t0 = performance.now();
        try {
          await c.query({ name: 'knn', text: sql, values: nearestQueryParams({ lon: p.lon, lat: p.lat, limit: 10 }) });
          latencies.push(performance.now() - t0);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  await Promise.all(clients.map((c) => c.end()));
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors };
}

/** Sequential nearest queries through the database interface: for PGlite against PostGIS. */
export async function sequentialNearest(
  db: Database,
  points: { lon: number; lat: number }[],
  count: number,
): Promise<{ p50: number; p95: number }> {
  const sql = sqlFile('nearest_service_points');
  const latencies: number[] = [];
  for (let k = 0; k < count; k += 1) {
    const p = points[k % points.length]!;
    const t0 = performance.now();
    await db.query(sql, nearestQueryParams({ lon: p.lon, lat: p.lat, limit: 10 }));
    latencies.push(performance.now() - t0);
  }
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
}
