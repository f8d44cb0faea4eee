import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAndPublish } from '../../data-loaders/lib/publish-feed.js';
import { runWithQueryClass } from '../../server/db/query-class.js';
import { percentile } from '../../bench/figures.js';
import { FEDERAL_FEED, FEDERAL_POINTS, reportFor } from '../fixtures/tiny-feeds.js';
import { testApp } from '../support/test-app.js';
import { openTestDatabase, type TestDatabase } from '../support/test-database.js';

// PGlite is one connection for one user: it has no pools to separate, so this property is server mode's.
describe.skipIf(!process.env['DATABASE_URL'])('analysts cannot starve citizens (server mode)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase('postgis');
    await loadAndPublish(t.db, FEDERAL_FEED, { checksum: 'a', sourceName: 'a', records: FEDERAL_POINTS, report: reportFor(FEDERAL_POINTS) });
  });
  afterAll(() => t?.cleanup());

  it('answers nearest promptly while every analysis connection is busy with slow queries', async () => {
    const app = testApp(t.db);
    // 8 three-second analysis queries: more than the whole citizen pool of this test database
    // (max 4), so with one shared pool every nearest request would wait or fail.
    const slow = Array.from({ length: 8 }, () =>
      runWithQueryClass('analysis', () => t.db.query('SELECT pg_sleep(3)')).catch((e: Error) => e),
    );
    await new Promise((r) => setTimeout(r, 200));
    const latencies: number[] = [];
    const statuses: number[] = [];
    const started = Date.now();
    while (Date.now() - started < 2500) {
      const t0 = performance.now();
      const res = await request(app).get('/api/service-points/nearest?lon=-66.64&lat=45.96&limit=3');
      latencies.push(performance.now() - t0);
      statuses.push(res.status);
    }
    await Promise.all(slow);
    latencies.sort((a, b) => a - b);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.length).toBeGreaterThan(20);
    // With one shared pool these would wait for a 3 s sleep; the budget is generous for a shared machine.
    const p99 = percentile(latencies, 99);
    console.log(`nearest while analysis pool saturated: ${statuses.length} requests, p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`);
    expect(p99).toBeLessThan(1000);
  });

  it('a citizen query over its statement timeout is a 503 problem+json, not a hang', async () => {
    const { createPgDatabase } = await import('../../server/db/pg-database.js');
    const db = createPgDatabase(t.url!, { max: 2, statementTimeoutMs: { citizen: 50 } });
    try {
      const err = await runWithQueryClass('citizen', () => db.query('SELECT pg_sleep(1)')).catch((e: { code?: string }) => e);
      expect((err as { code?: string }).code).toBe('57014');
      // The real cancelled-statement error, rendered by the one error middleware.
      const express = (await import('express')).default;
      const { errorHandler } = await import('../../server/http/error-handler.js');
      const probe = express();
      probe.get('/slow', () => {
        throw err;
      });
      probe.use(errorHandler);
      const res = await request(probe).get('/slow?lang=fr').expect(503);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.headers['retry-after']).toBeDefined();
      expect(res.body.detail).toBe('La requête a pris trop de temps. Veuillez réessayer sous peu.');
      expect(JSON.stringify(res.body)).not.toContain('pg_sleep');
    } finally {
      await db.close();
    }
  });
});
