import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAndPublish } from '../../data-loaders/lib/publish-feed.js';
import type { Database } from '../../server/db/database.js';
import { createPgDatabase } from '../../server/db/pg-database.js';
import { runWithQueryClass } from '../../server/db/query-class.js';
import { FEDERAL_FEED, FEDERAL_POINTS, PROVINCIAL_FEED, PROVINCIAL_POINTS, reportFor } from '../fixtures/tiny-feeds.js';
import { openTestDatabase, type TestDatabase } from '../support/test-database.js';

const asWriter = <T>(jurisdiction: string | undefined, fn: () => Promise<T>) => runWithQueryClass('write', fn, jurisdiction);

// PGlite runs as its one superuser, which row-level security never restricts: there the API's
// 403 is the boundary. These tests are server mode's.
describe.skipIf(!process.env['DATABASE_URL'])('jurisdiction isolation in the database (server mode)', () => {
  let t: TestDatabase;
  let appRoleDb: Database | null = null;
  beforeAll(async () => {
    t = await openTestDatabase('postgis');
    await loadAndPublish(t.db, FEDERAL_FEED, { checksum: 'f', sourceName: 'f', records: FEDERAL_POINTS, report: reportFor(FEDERAL_POINTS) });
    await loadAndPublish(t.db, PROVINCIAL_FEED, { checksum: 'p', sourceName: 'p', records: PROVINCIAL_POINTS, report: reportFor(PROVINCIAL_POINTS) });
    // The production role, when the server has it (CI creates it): owns nothing.
    const u = new URL(t.url!);
    u.username = 'finder_app';
    u.password = 'finder_app';
    const probe = new pg.Client({ connectionString: u.toString() });
    const ok = await probe.connect().then(() => true, () => false);
    if (ok) {
      await probe.end();
      appRoleDb = createPgDatabase(u.toString(), { max: 2 });
    } else {
      console.warn('finder_app role not available: the non-owner checks are skipped (.ci/run creates it).');
    }
  });
  afterAll(async () => {
    await appRoleDb?.close();
    await t?.cleanup();
  });

  it('refuses writes from a request that carries no jurisdiction', async () => {
    await expect(
      asWriter(undefined, () => t.db.query("UPDATE feeds SET name_en = 'hijacked' WHERE id = 'test-nb' RETURNING id")),
    ).resolves.toMatchObject({ rowCount: 0 });
    await expect(
      asWriter(undefined, () =>
        t.db.query("INSERT INTO feeds (id, jurisdiction_id, name_en, name_fr, format) VALUES ('x-feed', 'ca-nb', 'x', 'x', 'csv')"),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it("lets a jurisdiction change its own rows and nobody else's, whatever the statement says", async () => {
    const own = await asWriter('ca-nb', () => t.db.query("UPDATE feeds SET name_fr = name_fr WHERE id = 'test-nb' RETURNING id"));
    expect(own.rowCount).toBe(1);
    const other = await asWriter('ca-nb', () => t.db.query("UPDATE service_points SET name_en = 'hijacked' WHERE feed_id = 'test-federal' RETURNING id"));
    expect(other.rowCount).toBe(0);
    const del = await asWriter('ca-nb', () => t.db.query("DELETE FROM feed_versions WHERE feed_id = 'test-federal' RETURNING id"));
    expect(del.rowCount).toBe(0);
    await expect(
      asWriter('ca-nb', () =>
        t.db.transaction((tx) =>
          tx.query(
            `INSERT INTO service_points (id, feed_version_id, feed_id, jurisdiction_id, source_id, name_en, geocode_quality)
             SELECT 'evil', id, feed_id, 'ca', 'evil', 'evil', 'none' FROM feed_versions WHERE feed_id = 'test-federal' LIMIT 1`,
          ),
        ),
      ),
    ).rejects.toThrow(/row-level security/);
    const names = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM service_points WHERE name_en = 'hijacked' OR id = 'evil'");
    expect(names.rows[0]!.n).toBe(0);
  });

  it('never carries one request’s jurisdiction into the next request on a pooled connection', async () => {
    const db = createPgDatabase(t.url!, { max: 1 });
    try {
      const seen: (string | null)[] = [];
      for (let i = 0; i < 6; i += 1) {
        const j = i % 2 === 0 ? 'ca-nb' : undefined;
        const r = await asWriter(j, () => db.query<{ j: string | null }>("SELECT current_setting('app.jurisdiction_id', true) AS j"));
        seen.push(r.rows[0]!.j || null);
      }
      expect(seen).toEqual(['ca-nb', null, 'ca-nb', null, 'ca-nb', null]);
    } finally {
      await db.close();
    }
  });

  it('runs the app as a role that owns nothing and cannot switch the rules off', async (ctx) => {
    if (!appRoleDb) return ctx.skip();
    const db = appRoleDb;
    const read = await runWithQueryClass('citizen', () => db.query<{ n: number }>('SELECT count(*)::int AS n FROM service_points WHERE is_published'));
    expect(read.rows[0]!.n).toBeGreaterThan(0);
    await expect(runWithQueryClass('citizen', () => db.query('ALTER TABLE service_points DISABLE ROW LEVEL SECURITY'))).rejects.toThrow(/owner|permission/);
    await expect(runWithQueryClass('citizen', () => db.query('DROP TABLE feeds'))).rejects.toThrow(/owner|permission/);
    const own = await asWriter('ca-nb', () => db.query("UPDATE feeds SET name_fr = name_fr WHERE id = 'test-nb' RETURNING id"));
    expect(own.rowCount).toBe(1);
    const other = await asWriter('ca-nb', () => db.query("UPDATE feeds SET name_en = 'x' WHERE id = 'test-federal' RETURNING id"));
    expect(other.rowCount).toBe(0);
  });
});
