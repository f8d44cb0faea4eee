import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Gazetteer } from '../../data-loaders/lib/gazetteer.js';
import { importFeedFile, importRows } from '../../data-loaders/lib/import-feed.js';
import { feedSpec, NB_HEADER, NB_ROWS, tmpDir, writeCsv, writeGeneratedCsv } from '../fixtures/loaders/make-feeds.js';
import { publishGoodVersion, servedPoints } from '../fixtures/loaders/published-feed.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';

describe.each(MODES)('an interrupted load leaves the published version as it was, on %s', (mode) => {
  let t: TestDatabase;
  let gazetteer: Gazetteer;
  const dir = tmpDir();
  // Each test loads into a feed of its own whose first version is published, so none sees another's versions.
  let n = 0;
  let feed = feedSpec('atomic');
  let before = '';
  const served = () => servedPoints(t.db, feed.id);

  beforeAll(async () => {
    t = await openTestDatabase(mode);
    gazetteer = await Gazetteer.fromDatabase(t.db);
  }, 180_000);
  beforeEach(async () => {
    feed = feedSpec(`atomic-${(n += 1)}`);
    before = await publishGoodVersion(t.db, feed, dir, gazetteer);
  }, 180_000);
  afterAll(async () => {
    await t?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a reader that breaks in the middle of a publish changes nothing and is recorded as failed', async () => {
    async function* breaking() {
      for (let i = 0; i < 3000; i += 1)
        yield { row: i + 1, values: { id: `B${i}`, name: `Office ${i}`, lat: 45.9, lon: -66.6 } };
      throw new Error('disk unplugged');
    }
    const r = await importRows(t.db, feed, {
      checksum: 'breaking',
      sourceName: 'breaking.csv',
      publish: true,
      gazetteer,
      rows: () => breaking(),
    });
    expect(r.status).toBe('failed');
    // The report says what failed by its code; the internal error text stays out of it.
    expect(r.report.issues.some((i) => i.code === 'load_failed')).toBe(true);
    expect(JSON.stringify(r.report.toJSON())).not.toContain('disk unplugged');
    expect(await served()).toBe(before);
    const staged = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM service_points sp JOIN feed_versions v ON v.id = sp.feed_version_id WHERE v.feed_id = $1 AND v.status <> 'published'`,
      [feed.id],
    );
    expect(staged.rows[0]!.n).toBe(0);
  });

  it.skipIf(mode !== 'postgis')(
    'pg_terminate_backend in the middle of a publish: previous version served byte for byte, re-run succeeds',
    async () => {
      const big = await writeGeneratedCsv(path.join(dir, 'big.csv'), 60_000);
      const admin = new pg.Client({ connectionString: t.url! });
      await admin.connect();
      const dbName = new URL(t.url!).pathname.slice(1);
      let killed = 0;
      // Watch for the loader's backend writing the new version's rows, then cut it off.
      const watcher = (async () => {
        for (let i = 0; i < 600 && killed === 0; i += 1) {
          const r = await admin.query<{ pid: number }>(
            `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND state <> 'idle'
             AND query LIKE '%INSERT INTO service_points%'`,
            [dbName],
          );
          const pid = r.rows[0]?.pid;
          if (pid) {
            await admin.query('SELECT pg_terminate_backend($1)', [pid]);
            killed = pid;
          }
          await new Promise((res) => setTimeout(res, 25));
        }
      })();
      const r = await importFeedFile(t.db, feed, big, { originalName: 'big.csv', publish: true, gazetteer });
      await watcher;
      await admin.end();
      expect(killed).toBeGreaterThan(0);
      expect(r.status).toBe('failed');
      expect(await served()).toBe(before);
      // The same load again, on a healthy connection, goes through.
      const again = await importFeedFile(t.db, feed, big, { originalName: 'big.csv', publish: true, gazetteer });
      expect(again.status).toBe('published');
      expect(again.report.accepted).toBe(60_000);
      const now = await t.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM service_points WHERE feed_id = $1 AND is_published',
        [feed.id],
      );
      expect(now.rows[0]!.n).toBe(60_000);
    },
    300_000,
  );

  it('two loads of one feed at once are serialised: one publishes, the other finds it unchanged or publishes after it', async () => {
    const v2 = writeCsv(path.join(dir, `${feed.id}-v2.csv`), NB_HEADER, NB_ROWS.slice(0, 2));
    const [a, b] = await Promise.all([
      importFeedFile(t.db, feed, v2, { originalName: 'v2.csv', publish: true, gazetteer }),
      importFeedFile(t.db, feed, v2, { originalName: 'v2.csv', publish: true, gazetteer }),
    ]);
    expect([a.status, b.status].sort()).toEqual(['published', 'unchanged']);
    const published = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM feed_versions WHERE feed_id = $1 AND status = 'published'`,
      [feed.id],
    );
    expect(published.rows[0]!.n).toBe(1);
  });

  it.skipIf(mode !== 'postgis')(
    'a load that starts while another holds the feed waits for it, then finds the same content published',
    async () => {
      // The first load stops in the middle of its rows, inside its transaction, until the second has started.
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let holding!: () => void;
      const held = new Promise<void>((r) => (holding = r));
      const rows = (stopHalfway: boolean) =>
        async function* () {
          for (let i = 0; i < 4; i += 1) {
            if (stopHalfway && i === 2) {
              holding();
              await gate;
            }
            yield { row: i + 1, values: { id: `S${i}`, name: `Office ${i}`, lat: 45.9, lon: -66.6 } };
          }
        };
      const load = (stopHalfway: boolean) =>
        importRows(t.db, feed, {
          checksum: 'same-content',
          sourceName: 'same.csv',
          publish: true,
          gazetteer,
          rows: rows(stopHalfway),
        });
      const first = load(true);
      await held;
      const second = load(false);
      // Let the first go once the second waits on a lock (the feed's, or were there none, a row's), or has finished.
      const admin = new pg.Client({ connectionString: t.url! });
      await admin.connect();
      let secondDone = false;
      void second.finally(() => (secondDone = true));
      try {
        for (let i = 0; i < 500 && !secondDone; i += 1) {
          const waiting = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted');
          if (waiting.rows[0]!.n > 0) break;
          await new Promise((r) => setTimeout(r, 10));
        }
      } finally {
        await admin.end();
      }
      release();
      const [a, b] = await Promise.all([first, second]);
      expect([a.status, b.status]).toEqual(['published', 'unchanged']);
      expect(b.versionId).toBe(a.versionId);
    },
  );
});
