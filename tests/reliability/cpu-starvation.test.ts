import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAndPublish } from '../../data-loaders/lib/publish-feed.js';
import { createPgDatabase } from '../../db/pg-database.js';
import type { Database } from '../../db/database.js';
import { runWithQueryClass } from '../../db/query-class.js';
import { createApp } from '../../server/app.js';
import { createLogger } from '../../server/logger.js';
import { FEDERAL_FEED, FEDERAL_POINTS, reportFor } from '../fixtures/tiny-feeds.js';
import { listen } from '../support/listen.js';
import { openTestDatabase, type TestDatabase } from '../support/test-database.js';

// What docs/reliability.md says of the embedded mode, held true: PGlite runs a statement to its end on
// the server's own thread, `statement_timeout` accepted and ignored, nothing else answered meanwhile.
// If a PGlite release ever cancels statements, this fails and the page must be brought up to date.
describe('the embedded mode has no statement timeout (PGlite), as docs/reliability.md says', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase('pglite');
  });
  afterAll(() => t?.cleanup());

  it('runs a CPU-bound statement past its statement_timeout, holding the thread for all of it', async () => {
    await t.db.exec(`SET statement_timeout = '20ms'`);
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 5);
    const t0 = performance.now();
    try {
      const r = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM generate_series(1, 3000000)');
      const ms = performance.now() - t0;
      expect(r.rows[0]?.n).toBe(3_000_000);
      // Not cancelled at 20 ms, and not a timer tick while it ran: the whole process waited.
      expect(ms).toBeGreaterThan(100);
      expect(ticks).toBeLessThanOrEqual(1);
    } finally {
      clearInterval(timer);
      await t.db.exec('RESET statement_timeout');
    }
  });
});

// Server mode: PGlite runs every statement to its end on the server's own thread
// (it has no statement timeout), so this property is a server-mode one (docs/reliability.md).
describe.runIf(process.env['DATABASE_URL'])('CPU-heavy analysis leaves citizens their share (server mode)', () => {
  let t: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    t = await openTestDatabase('postgis');
    await loadAndPublish(t.db, FEDERAL_FEED, {
      checksum: 'a',
      sourceName: 'a',
      records: FEDERAL_POINTS,
      report: reportFor(FEDERAL_POINTS),
    });
    // Pool of 4: citizens 4 connections, analysts 2; analysts' statements stop after 3 s.
    db = createPgDatabase(t.url!, { max: 4, statementTimeoutMs: { analysis: 3_000 } });
  });
  afterAll(async () => {
    await db?.close();
    await t?.cleanup();
  });

  it(
    'answers every nearest while analysts’ statements burn CPU, and stops each burner at its statement timeout',
    { timeout: 60_000 },
    async () => {
      const app = createApp({
        db,
        config: { CLIENT_DIST: path.resolve('dist/client'), BASEMAP_STYLE_URL: undefined, RATE_LIMIT_PER_MIN: 0 },
        logger: createLogger('silent'),
        // Every nearest from the database (no in-process index): citizens' statements share PostgreSQL's CPU with the burners.
        nearestIndex: null,
      });
      const server = await listen(app);
      const nearest = async () => {
        const t0 = performance.now();
        const res = await fetch(`${server.url}/api/service-points/nearest?lon=-66.64&lat=45.96&limit=5`);
        await res.arrayBuffer();
        return { status: res.status, ms: performance.now() - t0 };
      };
      try {
        const idle: number[] = [];
        for (let i = 0; i < 20; i++) idle.push((await nearest()).ms);
        // Six analysts' statements, each minutes of pure CPU: more than the analysis pool holds.
        const started = performance.now();
        const burners = Array.from({ length: 6 }, () =>
          runWithQueryClass('analysis', () => db.query('SELECT count(*) FROM generate_series(1, 2000000000)')).then(
            () => ({ ended: performance.now() - started, code: 'finished' }),
            (e: { code?: string; message?: string }) => ({
              ended: performance.now() - started,
              code: e.code ?? (/timeout/i.test(e.message ?? '') ? 'no_connection' : 'error'),
            }),
          ),
        );
        const during: { status: number; ms: number }[] = [];
        let settled = false;
        const all = Promise.all(burners).finally(() => {
          settled = true;
        });
        while (!settled) during.push(await nearest());
        const outcomes = await all;
        const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
        console.log(
          `nearest while 6 CPU-bound analysis statements ran on a pool of 2: ${during.length} answers, median ${median(during.map((d) => d.ms)).toFixed(1)} ms ` +
            `(idle ${median(idle).toFixed(1)} ms), worst ${Math.max(...during.map((d) => d.ms)).toFixed(1)} ms; burners ended ${outcomes.map((o) => `${o.code}@${(o.ended / 1000).toFixed(1)}s`).join(', ')}`,
        );
        // Two burners ran, one per analysis connection, and the analysis class's statement timeout
        // cancelled both (57014); the other four never got a connection and failed fast (3 s).
        expect(outcomes.map((o) => o.code).sort()).toEqual([
          '57014',
          '57014',
          'no_connection',
          'no_connection',
          'no_connection',
          'no_connection',
        ]);
        expect(Math.max(...outcomes.map((o) => o.ended))).toBeLessThan(6_000);
        // Citizens were answered throughout: no error, and no answer near the citizen class's own 5 s timeout.
        expect(during.length).toBeGreaterThan(5);
        expect(during.every((d) => d.status === 200)).toBe(true);
        expect(Math.max(...during.map((d) => d.ms))).toBeLessThan(1_000);
      } finally {
        await server.close();
      }
    },
  );
});
