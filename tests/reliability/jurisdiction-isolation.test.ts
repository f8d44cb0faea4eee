import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedSpec, PointRecord } from '../../data-loaders/lib/point-record.js';
import {
  loadAndPublish,
  publishVersion,
  rollbackFeed,
  stablePointId,
  stageVersion,
  upsertFeed,
} from '../../data-loaders/lib/publish-feed.js';
import type { Database } from '../../db/database.js';
import { createPgDatabase } from '../../db/pg-database.js';
import { runWithQueryClass } from '../../db/query-class.js';
import { FEDERAL_FEED, PROVINCIAL_FEED, publishTinyFeeds, reportFor } from '../fixtures/tiny-feeds.js';
import { openTestDatabase, type TestDatabase } from '../support/test-database.js';

const asWriter = <T>(jurisdiction: string | undefined, fn: () => Promise<T>) =>
  runWithQueryClass('write', fn, jurisdiction);
/** New Brunswick's stewards, the writer in the channels tests; the rows of others are federal (or Quebec's map). */
const asNb = <T>(fn: () => Promise<T>) => asWriter('ca-nb', fn);
const RLS = /row-level security/;

/** A second federal feed with an office beside test-federal's Fredericton office: the pair is the federal government's alone. */
const FEDERAL_ANNEX_FEED: FeedSpec = {
  ...FEDERAL_FEED,
  id: 'test-federal-annex',
  name_en: 'Test federal annex',
  name_fr: 'Annexe fédérale d’essai',
};
const annexPoint = (
  source_id: string,
  name_en: string,
  lon: number,
  lat: number,
  extra: Record<string, unknown> = {},
): PointRecord => ({
  source_id,
  name_en,
  name_fr: null,
  categories: ['passport'],
  languages: ['en', 'fr'],
  accessibility: [],
  lon,
  lat,
  geocode_quality: 'source',
  extra,
});
const FEDERAL_ANNEX_POINTS = [annexPoint('A1', 'Fredericton federal office annex', -66.6426, 45.9638)];
/** New Brunswick's own feed beside the same office, with a call centre and a service standard in its columns. */
const NB_ANNEX_FEED: FeedSpec = {
  ...PROVINCIAL_FEED,
  id: 'test-nb-annex',
  name_en: 'Test New Brunswick annex',
  name_fr: 'Annexe d’essai du Nouveau-Brunswick',
};
const nbAnnexPoints = (phone: string) => [
  annexPoint('N1', 'Fredericton federal office annex desk', -66.6428, 45.9637, {
    call_centre_phone: phone,
    service_standard_en: 'Served within 15 minutes.',
  }),
];

// PGlite runs as its one superuser, which row-level security never restricts: there the API's
// 403 is the boundary. These tests are server mode's.
describe.skipIf(!process.env['DATABASE_URL'])('jurisdiction isolation in the database (server mode)', () => {
  let t: TestDatabase;
  let appRoleDb: Database | null = null;
  /** The production role when there is one; else the owner, whom FORCE ROW LEVEL SECURITY binds as well. */
  const writer = () => appRoleDb ?? t.db;
  beforeAll(async () => {
    t = await openTestDatabase('postgis');
    await publishTinyFeeds(t.db);
    await loadAndPublish(t.db, FEDERAL_ANNEX_FEED, {
      checksum: 'a',
      sourceName: 'a',
      records: FEDERAL_ANNEX_POINTS,
      report: reportFor(FEDERAL_ANNEX_POINTS),
    });
    // A federal performance figure, written by an operator's batch job ('*').
    await t.db.query(
      `INSERT INTO service_performance (target_kind, target_id, jurisdiction_id, wait_minutes, measured_at, valid_until)
       VALUES ('channel', 'ca-ei-phone', 'ca', 12, now(), now() + interval '1 hour')`,
    );
    // The production role, when the server has it (CI creates it): owns nothing.
    const u = new URL(t.url!);
    u.username = 'finder_app';
    u.password = 'finder_app';
    const probe = new pg.Client({ connectionString: u.toString() });
    const ok = await probe.connect().then(
      () => true,
      () => false,
    );
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
        t.db.query(
          "INSERT INTO feeds (id, jurisdiction_id, name_en, name_fr, format) VALUES ('x-feed', 'ca-nb', 'x', 'x', 'csv')",
        ),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it("lets a jurisdiction change its own rows and nobody else's, whatever the statement says", async () => {
    const own = await asWriter('ca-nb', () =>
      t.db.query("UPDATE feeds SET name_fr = name_fr WHERE id = 'test-nb' RETURNING id"),
    );
    expect(own.rowCount).toBe(1);
    const other = await asWriter('ca-nb', () =>
      t.db.query("UPDATE service_points SET name_en = 'hijacked' WHERE feed_id = 'test-federal' RETURNING id"),
    );
    expect(other.rowCount).toBe(0);
    const del = await asWriter('ca-nb', () =>
      t.db.query("DELETE FROM feed_versions WHERE feed_id = 'test-federal' RETURNING id"),
    );
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
    const names = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM service_points WHERE name_en = 'hijacked' OR id = 'evil'",
    );
    expect(names.rows[0]!.n).toBe(0);
  });

  it('never carries one request’s jurisdiction into the next request on a pooled connection', async () => {
    const db = createPgDatabase(t.url!, { max: 1 });
    try {
      const seen: (string | null)[] = [];
      for (let i = 0; i < 6; i += 1) {
        const j = i % 2 === 0 ? 'ca-nb' : undefined;
        const r = await asWriter(j, () =>
          db.query<{ j: string | null }>("SELECT current_setting('app.jurisdiction_id', true) AS j"),
        );
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
    const read = await runWithQueryClass('citizen', () =>
      db.query<{ n: number }>('SELECT count(*)::int AS n FROM service_points WHERE is_published'),
    );
    expect(read.rows[0]!.n).toBeGreaterThan(0);
    await expect(
      runWithQueryClass('citizen', () => db.query('ALTER TABLE service_points DISABLE ROW LEVEL SECURITY')),
    ).rejects.toThrow(/owner|permission/);
    await expect(runWithQueryClass('citizen', () => db.query('DROP TABLE feeds'))).rejects.toThrow(/owner|permission/);
    const own = await asWriter('ca-nb', () =>
      db.query("UPDATE feeds SET name_fr = name_fr WHERE id = 'test-nb' RETURNING id"),
    );
    expect(own.rowCount).toBe(1);
    const other = await asWriter('ca-nb', () =>
      db.query("UPDATE feeds SET name_en = 'x' WHERE id = 'test-federal' RETURNING id"),
    );
    expect(other.rowCount).toBe(0);
  });

  // The tables jurisdictions write through the channels APIs and at publish, each in SQL,
  // bypassing the API's 403: New Brunswick's context against federal rows, then its own.
  it('keeps service_channels to their jurisdiction and their feed’s', async () => {
    const db = writer();
    await expect(
      asNb(() =>
        db.query(
          `INSERT INTO service_channels (id, jurisdiction_id, kind, name_en, name_fr, url_en, origin, source_url, source_date)
       VALUES ('ca-evil-online', 'ca', 'online', 'Evil', 'Evil', 'https://evil.example', 'seed', 'https://evil.example', '2026-01-01')`,
        ),
      ),
    ).rejects.toThrow(RLS);
    // Its own jurisdiction on a channel of a federal feed is no better.
    await expect(
      asNb(() =>
        db.query(
          `INSERT INTO service_channels (id, jurisdiction_id, kind, name_en, name_fr, url_en, origin, feed_id, feed_version_id)
       SELECT 'feed:test-federal:online:evil', 'ca-nb', 'online', 'Evil', 'Evil', 'https://evil.example', 'feed', feed_id, id
       FROM feed_versions WHERE feed_id = 'test-federal' AND status = 'published'`,
        ),
      ),
    ).rejects.toThrow(RLS);
    expect(
      (
        await asNb(() =>
          db.query("UPDATE service_channels SET name_en = 'hijacked' WHERE jurisdiction_id = 'ca' RETURNING id"),
        )
      ).rowCount,
    ).toBe(0);
    expect(
      (await asNb(() => db.query("DELETE FROM service_channels WHERE id = 'ca-ei-phone' RETURNING id"))).rowCount,
    ).toBe(0);

    const own = await asNb(() =>
      db.query(
        `INSERT INTO service_channels (id, jurisdiction_id, kind, name_en, name_fr, phone, origin, source_url, source_date)
       VALUES ('ca-nb-test-phone', 'ca-nb', 'phone', 'NB line', 'Ligne NB', '1-506-555-0100', 'seed', 'https://nb.example', '2026-01-01') RETURNING id`,
      ),
    );
    expect(own.rowCount).toBe(1);
    expect(
      (
        await asNb(() =>
          db.query("UPDATE service_channels SET hours_en = 'Always' WHERE id = 'ca-nb-test-phone' RETURNING id"),
        )
      ).rowCount,
    ).toBe(1);
    // Giving its own row away is a write for the other jurisdiction.
    await expect(
      asNb(() => db.query("UPDATE service_channels SET jurisdiction_id = 'ca' WHERE id = 'ca-nb-test-phone'")),
    ).rejects.toThrow(RLS);
    expect(
      (await asNb(() => db.query("DELETE FROM service_channels WHERE id = 'ca-nb-test-phone' RETURNING id"))).rowCount,
    ).toBe(1);
    const federal = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM service_channels WHERE jurisdiction_id = 'ca' AND name_en <> 'hijacked'",
    );
    expect(federal.rows[0]!.n).toBeGreaterThanOrEqual(5);
    expect((await t.db.query("SELECT 1 FROM service_channels WHERE id LIKE '%evil%'")).rowCount).toBe(0);
  });

  it('keeps service_standards to the jurisdiction of the channel or point they describe', async () => {
    const db = writer();
    const federalPoint = stablePointId(FEDERAL_FEED.id, 'F1');
    const ownPoint = stablePointId(PROVINCIAL_FEED.id, 'P1');
    const insert = (kind: string, target: string, jurisdiction: string, text = 'Evil.') =>
      asNb(() =>
        db.query(
          `INSERT INTO service_standards (target_kind, target_id, jurisdiction_id, text_en, text_fr, origin, source_url, source_date)
       VALUES ($1, $2, $3, $4, $4, 'steward', 'https://nb.example', CURRENT_DATE) RETURNING target_id`,
          [kind, target, jurisdiction, text],
        ),
      );
    await expect(insert('channel', 'ca-pensions-phone', 'ca')).rejects.toThrow(RLS);
    // Whatever jurisdiction the row claims, the target's owner decides.
    await expect(insert('channel', 'ca-pensions-phone', 'ca-nb')).rejects.toThrow(RLS);
    await expect(insert('point', federalPoint, 'ca-nb')).rejects.toThrow(RLS);
    // The API's own upsert, aimed at the federal standard seeded for EI.
    await expect(
      asNb(() =>
        db.query(
          `INSERT INTO service_standards (target_kind, target_id, jurisdiction_id, text_en, text_fr, origin)
       VALUES ('channel', 'ca-ei-phone', 'ca-nb', 'Evil.', 'Evil.', 'steward')
       ON CONFLICT (target_kind, target_id) DO UPDATE SET text_en = EXCLUDED.text_en, jurisdiction_id = EXCLUDED.jurisdiction_id`,
        ),
      ),
    ).rejects.toThrow(RLS);
    expect(
      (
        await asNb(() =>
          db.query(
            "UPDATE service_standards SET text_en = 'hijacked' WHERE jurisdiction_id = 'ca' RETURNING target_id",
          ),
        )
      ).rowCount,
    ).toBe(0);
    expect(
      (await asNb(() => db.query("DELETE FROM service_standards WHERE target_id = 'ca-ei-phone' RETURNING target_id")))
        .rowCount,
    ).toBe(0);

    expect((await insert('point', ownPoint, 'ca-nb', 'Served within 20 minutes.')).rowCount).toBe(1);
    await asNb(() =>
      db.query(
        `INSERT INTO service_channels (id, jurisdiction_id, kind, name_en, name_fr, phone, origin, source_url, source_date)
       VALUES ('ca-nb-standard-phone', 'ca-nb', 'phone', 'NB line', 'Ligne NB', '1-506-555-0101', 'seed', 'https://nb.example', '2026-01-01')`,
      ),
    );
    expect(
      (await insert('channel', 'ca-nb-standard-phone', 'ca-nb', 'Calls answered within 5 minutes.')).rowCount,
    ).toBe(1);
    expect(
      (
        await asNb(() =>
          db.query('UPDATE service_standards SET target_minutes = 20 WHERE target_id = $1 RETURNING target_id', [
            ownPoint,
          ]),
        )
      ).rowCount,
    ).toBe(1);
    await expect(
      asNb(() => db.query("UPDATE service_standards SET jurisdiction_id = 'ca' WHERE target_id = $1", [ownPoint])),
    ).rejects.toThrow(RLS);
    expect(
      (
        await asNb(() =>
          db.query(
            "DELETE FROM service_standards WHERE target_id IN ($1, 'ca-nb-standard-phone') AND jurisdiction_id = 'ca-nb' RETURNING target_id",
            [ownPoint],
          ),
        )
      ).rowCount,
    ).toBe(2);
    const federal = await t.db.query<{ text_en: string; jurisdiction_id: string }>(
      "SELECT text_en, jurisdiction_id FROM service_standards WHERE target_id = 'ca-ei-phone'",
    );
    expect(federal.rows).toEqual([{ text_en: '80% of calls answered within 10 minutes.', jurisdiction_id: 'ca' }]);
    expect((await t.db.query("SELECT 1 FROM service_standards WHERE text_en = 'Evil.'")).rowCount).toBe(0);
  });

  it('keeps service_performance to the jurisdiction of the channel or point it measures', async () => {
    const db = writer();
    const ownPoint = stablePointId(PROVINCIAL_FEED.id, 'P2');
    const push = (kind: string, target: string, jurisdiction: string) =>
      asNb(() =>
        db.query<{ id: number }>(
          `INSERT INTO service_performance (target_kind, target_id, jurisdiction_id, wait_minutes, measured_at, valid_until)
       VALUES ($1, $2, $3, 999, now(), now() + interval '1 hour') RETURNING id`,
          [kind, target, jurisdiction],
        ),
      );
    await expect(push('channel', 'ca-ei-phone', 'ca')).rejects.toThrow(RLS);
    await expect(push('channel', 'ca-ei-phone', 'ca-nb')).rejects.toThrow(RLS);
    await expect(push('point', stablePointId(FEDERAL_FEED.id, 'F2'), 'ca-nb')).rejects.toThrow(RLS);
    expect(
      (
        await asNb(() =>
          db.query("UPDATE service_performance SET wait_minutes = 999 WHERE jurisdiction_id = 'ca' RETURNING id"),
        )
      ).rowCount,
    ).toBe(0);
    expect(
      (await asNb(() => db.query("DELETE FROM service_performance WHERE target_id = 'ca-ei-phone' RETURNING id")))
        .rowCount,
    ).toBe(0);

    const own = await push('point', ownPoint, 'ca-nb');
    expect(own.rowCount).toBe(1);
    const id = own.rows[0]!.id;
    expect(
      (await asNb(() => db.query('UPDATE service_performance SET wait_minutes = 7 WHERE id = $1 RETURNING id', [id])))
        .rowCount,
    ).toBe(1);
    await expect(
      asNb(() =>
        db.query("UPDATE service_performance SET target_kind = 'channel', target_id = 'ca-ei-phone' WHERE id = $1", [
          id,
        ]),
      ),
    ).rejects.toThrow(RLS);
    expect(
      (await asNb(() => db.query('DELETE FROM service_performance WHERE id = $1 RETURNING id', [id]))).rowCount,
    ).toBe(1);
    const federal = await t.db.query<{ wait_minutes: number }>(
      "SELECT wait_minutes FROM service_performance WHERE target_id = 'ca-ei-phone'",
    );
    expect(federal.rows).toEqual([{ wait_minutes: 12 }]);
  });

  it('keeps each province’s who-handles map to its own stewards, federal rows included', async () => {
    const db = writer();
    const absent = async (province: string) => {
      const r = await t.db.query<{ code: string }>(
        `SELECT c.code FROM service_categories c WHERE NOT EXISTS (
           SELECT 1 FROM category_responsibilities r WHERE r.province = $1 AND r.category_code = c.code AND r.level = 'indigenous')
         ORDER BY c.code LIMIT 1`,
        [province],
      );
      return r.rows[0]!.code;
    };
    const insert = (province: string, category: string) =>
      asNb(() =>
        db.query(
          `INSERT INTO category_responsibilities (province, category_code, level, jurisdiction_id, rank, origin)
       VALUES ($1, $2, 'indigenous', NULL, 3, 'steward') RETURNING level`,
          [province, category],
        ),
      );
    await expect(insert('QC', await absent('QC'))).rejects.toThrow(RLS);
    expect(
      (
        await asNb(() =>
          db.query("UPDATE category_responsibilities SET rank = 9 WHERE province = 'QC' RETURNING level"),
        )
      ).rowCount,
    ).toBe(0);
    expect(
      (
        await asNb(() =>
          db.query(
            "DELETE FROM category_responsibilities WHERE province = 'QC' AND category_code = 'pensions' RETURNING level",
          ),
        )
      ).rowCount,
    ).toBe(0);
    // Moving a row of its own map into another province's is a write there.
    await expect(
      asNb(() =>
        db.query(
          "UPDATE category_responsibilities SET province = 'ON' WHERE province = 'NB' AND category_code = 'pensions'",
        ),
      ),
    ).rejects.toThrow(RLS);

    const category = await absent('NB');
    expect((await insert('NB', category)).rowCount).toBe(1);
    const federalRow = await asNb(() =>
      db.query(
        "UPDATE category_responsibilities SET note_en = 'Service Canada' WHERE province = 'NB' AND category_code = 'pensions' AND level = 'federal' RETURNING level",
      ),
    );
    expect(federalRow.rowCount).toBe(1);
    expect(
      (
        await asNb(() =>
          db.query(
            "DELETE FROM category_responsibilities WHERE province = 'NB' AND category_code = $1 AND level = 'indigenous' RETURNING level",
            [category],
          ),
        )
      ).rowCount,
    ).toBe(1);
    const quebec = await t.db.query<{ level: string; rank: number }>(
      "SELECT level, rank FROM category_responsibilities WHERE province = 'QC' AND category_code = 'pensions' ORDER BY level",
    );
    expect(quebec.rows).toEqual([
      { level: 'federal', rank: 2 },
      { level: 'provincial', rank: 1 },
    ]);
  });

  it('lets a publish refresh the pairs with its own points and no others, under its own jurisdiction', async () => {
    const db = writer();
    const federalPair = await t.db.query<{ a_id: string; b_id: string }>(
      "SELECT a_id, b_id FROM point_pairs WHERE a_jurisdiction_id = 'ca' AND b_jurisdiction_id = 'ca'",
    );
    expect(federalPair.rowCount).toBe(1);
    const { a_id, b_id } = federalPair.rows[0]!;
    expect(
      (
        await asNb(() =>
          db.query("UPDATE point_pairs SET kind = 'co_located' WHERE a_id = $1 AND b_id = $2 RETURNING a_id", [
            a_id,
            b_id,
          ]),
        )
      ).rowCount,
    ).toBe(0);
    expect(
      (
        await asNb(() =>
          db.query(
            "DELETE FROM point_pairs WHERE a_jurisdiction_id = 'ca' AND b_jurisdiction_id = 'ca' RETURNING a_id",
          ),
        )
      ).rowCount,
    ).toBe(0);
    const evil = (aJurisdiction: string) =>
      asNb(() =>
        db.query(
          `INSERT INTO point_pairs (a_id, b_id, a_feed_id, b_feed_id, a_jurisdiction_id, b_jurisdiction_id, distance_m, name_similarity, kind)
       VALUES ('0evil', 'zevil', 'test-federal', 'test-federal-annex', $1, 'ca', 1, 1, 'duplicate')`,
          [aJurisdiction],
        ),
      );
    await expect(evil('ca')).rejects.toThrow(RLS);
    // Claiming a federal feed's side for New Brunswick is no better.
    await expect(evil('ca-nb')).rejects.toThrow(RLS);

    // New Brunswick's stewards publish a feed beside the federal offices, as the API would:
    // stage, publish, publish a new version, roll back; pairs and channels follow each time.
    const stage = (phone: string, checksum: string) =>
      asNb(() =>
        db.transaction(async (tx) => {
          await upsertFeed(tx, NB_ANNEX_FEED);
          const points = nbAnnexPoints(phone);
          return stageVersion(tx, NB_ANNEX_FEED, {
            checksum,
            sourceName: `${checksum}.csv`,
            records: points,
            report: reportFor(points),
          });
        }),
      );
    const publish = (versionId: number) =>
      asNb(() => db.transaction((tx) => publishVersion(tx, NB_ANNEX_FEED.id, versionId)));
    const state = async () => {
      const pairs = await t.db.query<{ a_jurisdiction_id: string; b_jurisdiction_id: string }>(
        "SELECT a_jurisdiction_id, b_jurisdiction_id FROM point_pairs WHERE a_feed_id = 'test-nb-annex' OR b_feed_id = 'test-nb-annex'",
      );
      const phones = await t.db.query<{ phone: string; jurisdiction_id: string }>(
        "SELECT phone, jurisdiction_id FROM service_channels WHERE feed_id = 'test-nb-annex'",
      );
      const standards = await t.db.query<{ target_id: string }>(
        "SELECT target_id FROM service_standards WHERE feed_id = 'test-nb-annex'",
      );
      return {
        pairs: pairs.rows.map((p) => [p.a_jurisdiction_id, p.b_jurisdiction_id].sort().join('+')).sort(),
        phones: phones.rows,
        standards: standards.rows.map((s) => s.target_id),
      };
    };
    const nbPoint = stablePointId(NB_ANNEX_FEED.id, 'N1');
    const first = await stage('1-506-555-0111', 'v1');
    await publish(first);
    // Its annex desk pairs with both federal offices next door.
    expect(await state()).toEqual({
      pairs: ['ca+ca-nb', 'ca+ca-nb'],
      phones: [{ phone: '1-506-555-0111', jurisdiction_id: 'ca-nb' }],
      standards: [nbPoint],
    });
    await publish(await stage('1-506-555-0122', 'v2'));
    expect((await state()).phones).toEqual([{ phone: '1-506-555-0122', jurisdiction_id: 'ca-nb' }]);
    expect(await asNb(() => rollbackFeed(db, NB_ANNEX_FEED.id))).toMatchObject({ published: first });
    expect(await state()).toEqual({
      pairs: ['ca+ca-nb', 'ca+ca-nb'],
      phones: [{ phone: '1-506-555-0111', jurisdiction_id: 'ca-nb' }],
      standards: [nbPoint],
    });
    // A pair with one of its own points is its own to change.
    expect(
      (
        await asNb(() =>
          db.query(
            "UPDATE point_pairs SET refreshed_at = now() WHERE a_feed_id = 'test-nb-annex' OR b_feed_id = 'test-nb-annex' RETURNING a_id",
          ),
        )
      ).rowCount,
    ).toBe(2);

    const after = await t.db.query<{ kind: string }>('SELECT kind FROM point_pairs WHERE a_id = $1 AND b_id = $2', [
      a_id,
      b_id,
    ]);
    expect(after.rows).toEqual([{ kind: 'duplicate' }]);
    expect((await t.db.query("SELECT 1 FROM point_pairs WHERE a_id = '0evil'")).rowCount).toBe(0);
  });
});
