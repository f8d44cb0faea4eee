import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { importFeedFile } from '../../data-loaders/lib/import-feed.js';
import type { FeedSpec } from '../../data-loaders/lib/point-record.js';
import { rollbackFeed } from '../../data-loaders/lib/publish-feed.js';
import type { Database } from '../../db/database.js';
import { createPgliteDatabase } from '../../db/pglite-database.js';
import { testApp } from '../support/test-app.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';

const FEED: FeedSpec = {
  id: 'nb-versions',
  jurisdiction_id: 'ca-nb',
  name_en: 'NB versions test',
  name_fr: 'Essai des versions NB',
  format: 'csv',
};
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'finder-versions-'));

function csv(name: string, rows: [string, string, number, number][]): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, ['id,name,longitude,latitude', ...rows.map((r) => r.join(','))].join('\n'));
  return file;
}

const V1 = csv('v1.csv', [
  ['a', 'Centre A', -66.64, 45.96],
  ['b', 'Centre B', -64.78, 46.09],
]);
const V2 = csv('v2.csv', [
  ['a', 'Centre A renamed', -66.6, 45.9],
  ['c', 'Centre C', -66.06, 45.27],
]);

/** A big CSV of `n` rows around Fredericton, so a kill lands mid-load. */
async function bigCsv(name: string, n: number): Promise<string> {
  const file = path.join(tmp, name);
  const out = fs.createWriteStream(file);
  out.write('id,name,longitude,latitude\n');
  for (let i = 0; i < n; i += 1)
    out.write(
      `r${i},Big centre ${i},${(-67 + (i % 1000) / 1000).toFixed(4)},${(45.5 + Math.floor(i / 1000) / 400).toFixed(4)}\n`,
    );
  await new Promise((r) => out.end(r));
  return file;
}

/**
 * Runs tests/support/import-child.ts on `target` (a URL or a PGlite data
 * directory) and SIGKILLs it once it reports `killAfterRows` rows read.
 * Resolves when the child has exited, with what it printed and how it ended.
 */
function killImportMidway(
  target: string,
  file: string,
  killAfterRows: number,
): { child: ChildProcess; ended: Promise<{ progressed: boolean; signal: NodeJS.Signals | null; output: string }> } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'tests/support/import-child.ts', target, file, FEED.id, 'ca-nb'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  let progressed = false;
  child.stdout!.on('data', (d: Buffer) => {
    output += String(d);
    const rows = Math.max(0, ...[...output.matchAll(/progress (\d+)/g)].map((m) => Number(m[1])));
    if (!progressed && rows >= killAfterRows) {
      progressed = true;
      child.kill('SIGKILL');
    }
  });
  // A child that never reports progress must not hold the test until its timeout.
  const guard = setTimeout(() => child.kill('SIGKILL'), 120_000);
  const ended = new Promise<{ progressed: boolean; signal: NodeJS.Signals | null; output: string }>((resolve) => {
    child.once('exit', (_code, signal) => {
      clearTimeout(guard);
      resolve({ progressed, signal, output });
    });
  });
  return { child, ended };
}

/** Nearest answers without the publication time, which a republish legitimately changes. */
async function nearestAnswer(app: ReturnType<typeof testApp>) {
  const res = await request(app)
    .get('/api/service-points/nearest?lon=-66.64&lat=45.96&limit=10&jurisdiction=ca-nb')
    .expect(200);
  return res.body.results.map((r: { source: Record<string, unknown> }) => ({
    ...r,
    source: { ...r.source, updated_at: undefined },
  }));
}

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe.each(MODES)('versions on %s', (mode) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(mode);
  });
  afterAll(() => t?.cleanup());

  it('v1, v2, rollback: nearest answers exactly as under v1; an identical re-import creates nothing', async () => {
    const app = testApp(t.db);
    const v1 = await importFeedFile(t.db, FEED, V1, { originalName: 'v1.csv', publish: true });
    expect(v1.status).toBe('published');
    const underV1 = await nearestAnswer(app);
    expect(underV1.map((r: { name: string }) => r.name)).toEqual(['Centre A', 'Centre B']);
    const v2 = await importFeedFile(t.db, FEED, V2, { originalName: 'v2.csv', publish: true });
    expect(v2.status).toBe('published');
    expect((await nearestAnswer(app)).map((r: { name: string }) => r.name)).toContain('Centre C');
    await rollbackFeed(t.db, FEED.id);
    expect(await nearestAnswer(app)).toEqual(underV1);

    const before = await t.db.query<{ versions: number; points: number }>(
      `SELECT (SELECT count(*)::int FROM feed_versions WHERE feed_id = $1) AS versions, (SELECT count(*)::int FROM service_points WHERE feed_id = $1) AS points`,
      [FEED.id],
    );
    const again = await importFeedFile(t.db, FEED, V1, { originalName: 'v1-again.csv', publish: true });
    expect(again.status).toBe('unchanged');
    const after = await t.db.query<{ versions: number; points: number }>(
      `SELECT (SELECT count(*)::int FROM feed_versions WHERE feed_id = $1) AS versions, (SELECT count(*)::int FROM service_points WHERE feed_id = $1) AS points`,
      [FEED.id],
    );
    expect(after.rows[0]).toEqual(before.rows[0]);
  });
});

describe.skipIf(!process.env['DATABASE_URL'])('an import process killed midway (server mode)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase('postgis');
  });
  afterAll(() => t?.cleanup());

  it(
    'leaves the previous version served, same rows and content, and the re-run succeeds',
    { timeout: 240_000 },
    async () => {
      const app = testApp(t.db);
      await importFeedFile(t.db, FEED, V1, { originalName: 'v1.csv', publish: true });
      const served = await nearestAnswer(app);
      // A big v2: 60,000 rows around Fredericton, so the kill lands mid-load.
      const big = await bigCsv('big.csv', 60_000);
      const { ended } = killImportMidway(t.url!, big, 20_000);
      const killed = await ended;
      expect(killed.progressed).toBe(true);
      expect(killed.signal).toBe('SIGKILL');
      // The server notices the dead client and rolls its transaction back (up to 30 s on a busy machine).
      for (let i = 0; i < 300; i += 1) {
        const busy = await t.db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'",
        );
        if (busy.rows[0]!.n === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await nearestAnswer(app)).toEqual(served);
      // What autovacuum does soon after such a kill: the table's statistics now
      // say it holds 2 rows in thousands of pages, and the re-run must not be
      // planned on that belief (its pair search once ran for minutes).
      await t.db.query('VACUUM service_points');
      const rows = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM service_points WHERE feed_id = $1', [
        FEED.id,
      ]);
      expect(rows.rows[0]!.n).toBe(2);

      const rerun = await importFeedFile(t.db, FEED, big, { originalName: 'big.csv', publish: true });
      expect(rerun.status).toBe('published');
      expect(rerun.report.accepted).toBe(60_000);
    },
  );
});

describe('an import process killed midway (PGlite mode)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finder-pglite-kill-'));
  let db: Database | null = null;
  let child: ChildProcess | null = null;
  beforeAll(() => {
    fs.cpSync(inject('pgliteTemplate'), dir, { recursive: true });
  });
  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Everything a reader could see of the feed: its versions and every stored row, in full. */
  async function feedState(d: Database) {
    const versions = await d.query('SELECT * FROM feed_versions WHERE feed_id = $1 ORDER BY id', [FEED.id]);
    const points = await d.query('SELECT * FROM service_points WHERE feed_id = $1 ORDER BY id', [FEED.id]);
    return { versions: versions.rows, points: points.rows };
  }

  async function servicePointsBytes(d: Database): Promise<number> {
    const r = await d.query<{ bytes: number }>("SELECT pg_relation_size('service_points')::int8 AS bytes");
    return r.rows[0]!.bytes;
  }

  it(
    'recovers the data directory: the previous version still served, same rows and content, and the re-run succeeds',
    { timeout: 180_000 },
    async () => {
      db = await createPgliteDatabase(dir);
      const v1 = await importFeedFile(db, FEED, V1, { originalName: 'v1.csv', publish: true });
      expect(v1.status).toBe('published');
      const nearest = '/api/service-points/nearest?lon=-66.64&lat=45.96&limit=10&jurisdiction=ca-nb';
      const served = (await request(testApp(db)).get(nearest).expect(200)).body;
      expect(served.results.map((r: { name: string }) => r.name)).toEqual(['Centre A', 'Centre B']);
      const before = await feedState(db);
      const bytesBefore = await servicePointsBytes(db);
      // One process at a time on a PGlite data directory: this one lets go before the importer opens it.
      await db.close();
      db = null;

      // 15,000 rows in batches of 2,000: by the time 5,000 rows are read, at least 4,000 are inserted.
      const big = await bigCsv('big-pglite.csv', 15_000);
      const run = killImportMidway(dir, big, 5_000);
      child = run.child;
      const killed = await run.ended;
      expect(killed.output).toContain('opened pglite');
      expect(killed.progressed).toBe(true);
      expect(killed.signal).toBe('SIGKILL');
      expect(killed.output).not.toContain('done');

      // Opening the directory again runs PostgreSQL's crash recovery.
      db = await createPgliteDatabase(dir);
      // The killed load had written its rows into the data directory (the table's file grew):
      // they are there on disk, uncommitted, and recovery must keep them invisible.
      expect(await servicePointsBytes(db)).toBeGreaterThan(bytesBefore);
      expect((await request(testApp(db)).get(nearest).expect(200)).body).toEqual(served);
      expect(await feedState(db)).toEqual(before);

      const rerun = await importFeedFile(db, FEED, big, { originalName: 'big.csv', publish: true });
      expect(rerun.status).toBe('published');
      expect(rerun.report.accepted).toBe(15_000);
      const after = (await request(testApp(db)).get(nearest).expect(200)).body;
      expect(after.results.map((r: { name: string }) => r.name)).not.toContain('Centre A');
      const published = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM service_points WHERE feed_id = $1 AND is_published',
        [FEED.id],
      );
      expect(published.rows[0]!.n).toBe(15_000);
    },
  );
});
