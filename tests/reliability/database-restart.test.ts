import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAndPublish } from '../../data-loaders/lib/publish-feed.js';
import type { Database } from '../../db/database.js';
import { migrate } from '../../db/migrate.js';
import { createPgDatabase } from '../../db/pg-database.js';
import { FEDERAL_FEED, FEDERAL_POINTS, reportFor } from '../fixtures/tiny-feeds.js';
import { listen } from '../support/listen.js';
import { HAS_POSTGRES_BINARIES, PrivatePostgres } from '../support/private-postgres.js';
import { testApp } from '../support/test-app.js';

if (!HAS_POSTGRES_BINARIES)
  console.warn('Skipping the PostgreSQL restart test: PostgreSQL 15 binaries are not installed.');

describe.skipIf(!HAS_POSTGRES_BINARIES)('surviving a PostgreSQL restart under load', () => {
  const pg = new PrivatePostgres();
  let db: Database;
  let server: { url: string; close: () => Promise<void> };
  beforeAll(async () => {
    await pg.init();
    db = createPgDatabase(pg.url, { max: 4, batch: true });
    await db.exec(
      'CREATE EXTENSION IF NOT EXISTS postgis; CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS unaccent;',
    );
    await migrate(db);
    await loadAndPublish(db, FEDERAL_FEED, {
      checksum: 'r',
      sourceName: 'r',
      records: FEDERAL_POINTS,
      report: reportFor(FEDERAL_POINTS),
    });
    server = await listen(testApp(db));
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    await db?.close();
    pg.destroy();
  });

  async function timed(path: string): Promise<{ status: number; ms: number }> {
    const t0 = performance.now();
    const res = await fetch(`${server.url}${path}`);
    await res.arrayBuffer();
    return { status: res.status, ms: performance.now() - t0 };
  }

  it('goes not-ready and fails fast with 503 during the outage, then answers as soon as the database is back', async () => {
    const nearest = '/api/service-points/nearest?lon=-66.64&lat=45.96&limit=2';
    expect((await timed('/api/ready')).status).toBe(200);
    // Load before, during and after the outage.
    let running = true;
    const seen: { status: number; ms: number }[] = [];
    const load = (async () => {
      while (running) seen.push(await timed(nearest));
    })();
    // The load is running and answering before the database goes away.
    while (seen.filter((s) => s.status === 200).length < 3) await new Promise((r) => setImmediate(r));
    pg.stop();
    const ready = await timed('/api/ready');
    expect(ready.status).toBe(503);
    const during = await timed(nearest);
    expect(during.status).toBe(503);
    // Fail fast: well under the 3 s connection timeout's worst case plus slack; no hang.
    expect(during.ms).toBeLessThan(5000);
    pg.start();
    const first = await timed(nearest);
    expect(first.status).toBe(200);
    expect((await timed('/api/ready')).status).toBe(200);
    running = false;
    await load;
    const statuses = new Set(seen.map((s) => s.status));
    expect([...statuses].every((s) => s === 200 || s === 503)).toBe(true);
    expect(seen.filter((s) => s.status === 200).length).toBeGreaterThan(0);
  });
});
