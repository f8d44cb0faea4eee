import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { sqlFile } from '../../db/sql-file.js';
import {
  loadAndPublish,
  publishVersion,
  recordFailedVersion,
  stageVersion,
  upsertFeed,
} from '../../data-loaders/lib/publish-feed.js';
import { LoadReport } from '../../data-loaders/lib/load-report.js';
import type { FeedSpec, PointRecord } from '../../data-loaders/lib/point-record.js';
import { PublishedPointIndex } from '../../server/nearest/published-point-index.js';
import { nearestServicePoints, type NearestParams } from '../../server/queries/nearest-service-points.js';
import { withStandardAndPerformance } from '../../server/queries/points-standard-performance.js';
import { toServicePoint } from '../../server/queries/service-point-row.js';
import { createApp } from '../../server/app.js';
import { createLogger } from '../../server/logger.js';
import { reportFor } from '../fixtures/tiny-feeds.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';

/** A seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CATEGORIES = [
  'passport',
  'pensions',
  'health_card',
  'drivers_licence',
  'employment_insurance',
  'vital_statistics',
];
const LANGUAGES = ['en', 'fr', 'iu', 'cr'];
const ACCESS = ['wheelchair', 'parking', 'hearing_loop'];
const LEVELS = ['federal', 'provincial', 'municipal'];
const JURISDICTIONS = ['ca', 'ca-nb', 'ca-on', 'ca-qc', 'ca-bc'];

function pick<T>(r: () => number, from: T[], max: number): T[] {
  return from.filter(() => r() < max / from.length);
}

/** Random points across southern Canada in four feeds, with random categories, languages, access and hours. */
function randomFeeds(r: () => number): { feed: FeedSpec; points: PointRecord[] }[] {
  return ['ca', 'ca-nb', 'ca-on', 'ca-qc'].map((jurisdiction_id, f) => ({
    feed: {
      id: `random-${jurisdiction_id}`,
      jurisdiction_id,
      name_en: `Random ${jurisdiction_id}`,
      name_fr: `Aléatoire ${jurisdiction_id}`,
      format: 'csv',
      licence: 'Test licence',
      attribution_en: 'Test',
      attribution_fr: 'Essai',
    },
    points: Array.from({ length: 300 }, (_, i) => {
      const withHours = r() < 0.4;
      return {
        source_id: `R${f}-${i}`,
        name_en: `Random point ${f}-${i}`,
        name_fr: r() < 0.5 ? `Point aléatoire ${f}-${i}` : null,
        categories: pick(r, CATEGORIES, 2),
        languages: pick(r, LANGUAGES, 2),
        accessibility: pick(r, ACCESS, 1.5),
        lon: -125 + r() * 65,
        lat: 43 + r() * 12,
        geocode_quality: 'source' as const,
        extra: {},
        province: ['ON', 'QC', 'NB', 'BC'][i % 4]!,
        hours: withHours
          ? { weekly: [1, 2, 3, 4, 5].map((day) => ({ day, opens: '09:00', closes: '17:00' })) }
          : undefined,
      };
    }),
  }));
}

function randomParams(r: () => number): NearestParams {
  const maybe = <T>(p: number, v: () => T): T | undefined => (r() < p ? v() : undefined);
  const levels = maybe(0.2, () => pick(r, LEVELS, 1.5));
  const jurisdictions = maybe(0.15, () => pick(r, JURISDICTIONS, 2));
  const categories = maybe(0.3, () => pick(r, CATEGORIES, 2));
  const languages = maybe(0.3, () => pick(r, LANGUAGES, 1.5));
  const accessibility = maybe(0.2, () => pick(r, ACCESS, 1));
  const maxDistanceM = maybe(0.25, () => 5_000 + r() * 400_000);
  const onlyWithHours = r() < 0.15;
  return {
    lon: -130 + r() * 75,
    lat: 42 + r() * 16,
    limit: 1 + Math.floor(r() * 40),
    ...(levels ? { levels } : {}),
    ...(jurisdictions ? { jurisdictions } : {}),
    ...(categories ? { categories } : {}),
    ...(languages ? { languages } : {}),
    ...(accessibility ? { accessibility } : {}),
    ...(maxDistanceM !== undefined ? { maxDistanceM } : {}),
    ...(onlyWithHours ? { onlyWithHours } : {}),
  };
}

/** The database as the app sees it, keeping the statements it runs. */
function counting(db: Database): { db: Database; count: () => number; texts: string[] } {
  const texts: string[] = [];
  return {
    db: { ...db, query: (text, params) => (texts.push(text), db.query(text, params)) },
    count: () => texts.length,
    texts,
  };
}

async function until(what: string, ok: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(MODES)('the in-process nearest index on %s', (mode) => {
  let t: TestDatabase;
  let index: PublishedPointIndex;
  beforeAll(async () => {
    t = await openTestDatabase(mode);
    const r = random(2026);
    for (const { feed, points } of randomFeeds(r)) {
      await loadAndPublish(t.db, feed, {
        checksum: feed.id,
        sourceName: `${feed.id}.csv`,
        records: points,
        report: reportFor(points),
      });
    }
    index = new PublishedPointIndex(t.db, { maxPoints: 100_000 });
    await index.start();
    await index.ready();
  }, 180_000);
  afterAll(async () => {
    await index?.close();
    await t?.cleanup();
  });
  // Four feeds of 300 located points. Tests that publish a feed of their own withdraw it before they end,
  // so every test, in any order, starts from these points alone.
  const RANDOM_POINTS = 1200;
  async function withdraw(feedId: string): Promise<void> {
    await t.db.query('UPDATE service_points SET is_published = false WHERE feed_id = $1 AND is_published', [feedId]);
    await until(
      'the index to drop the withdrawn feed',
      () => index.status().state === 'ready' && index.status().points === RANDOM_POINTS,
    );
  }

  it('loads every published, located point', async () => {
    expect(index.status()).toMatchObject({ state: 'ready', points: RANDOM_POINTS });
  });

  // The two comparisons below run hundreds of queries each: on a machine shared with other test runs that
  // takes minutes, so they get a longer timeout (speed is measured in the benchmarks, not here).
  it('answers exactly as the SQL query on 300 random points and filters: same points, order, fields and distances', async () => {
    const r = random(14);
    const now = new Date('2026-12-07T15:00:00Z');
    let compared = 0;
    for (let k = 0; k < 300; k += 1) {
      const p = randomParams(r);
      const found = index.nearest(p);
      expect(found, 'the index answers when current').not.toBeNull();
      // As the endpoint does: the standard and latest wait, which change with every push, come from the database.
      const fast = await withStandardAndPerformance(t.db, found!);
      const slow = await nearestServicePoints(t.db, p);
      const lang = k % 2 === 0 ? 'en' : 'fr';
      const context = JSON.stringify(p);
      expect(
        fast.map((row) => toServicePoint(row, lang, now)),
        context,
      ).toEqual(slow.map((row) => toServicePoint(row, lang, now)));
      compared += slow.length;
    }
    // The filters must not have emptied every answer.
    expect(compared).toBeGreaterThan(2000);
  }, 300_000);

  it('hands a search that would look at too many points to the database', async () => {
    const frugal = new PublishedPointIndex(t.db, { maxPoints: 100_000, visitBudget: 50 });
    await frugal.start();
    await frugal.ready();
    try {
      // A filter nothing matches makes the walk visit every point: over budget, no answer from memory.
      expect(frugal.nearest({ lon: -75.7, lat: 45.4, limit: 5, categories: ['no_such_category'] })).toBeNull();
      expect(frugal.nearest({ lon: -75.7, lat: 45.4, limit: 5 })).toHaveLength(5);
      // The full index answers the same search itself: nothing.
      expect(index.nearest({ lon: -75.7, lat: 45.4, limit: 5, categories: ['no_such_category'] })).toEqual([]);
    } finally {
      await frugal.close();
    }
  });

  it('sends over HTTP byte for byte what the SQL path sends, in both languages, on 120 random points and filters', async () => {
    const logger = createLogger('silent');
    const config = { CLIENT_DIST: '/nonexistent' };
    const fast = createApp({ db: t.db, config, logger, nearestIndex: index });
    const slow = createApp({ db: t.db, config, logger, nearestIndex: null });
    const r = random(41);
    for (let k = 0; k < 120; k += 1) {
      const p = randomParams(r);
      const qs = new URLSearchParams({
        lon: String(p.lon),
        lat: String(p.lat),
        limit: String(p.limit),
        lang: k % 2 ? 'fr' : 'en',
      });
      const lists = {
        level: p.levels,
        jurisdiction: p.jurisdictions,
        category: p.categories,
        language: p.languages,
        accessibility: p.accessibility,
      };
      for (const [name, list] of Object.entries(lists)) if (list && list.length > 0) qs.set(name, list.join(','));
      if (p.maxDistanceM !== undefined) qs.set('max_distance_km', String(p.maxDistanceM / 1000));
      const url = `/api/service-points/nearest?${qs}`;
      const [a, b] = [await request(fast).get(url).expect(200), await request(slow).get(url).expect(200)];
      expect(a.text, url).toBe(b.text);
      for (const h of ['content-type', 'cache-control', 'etag'])
        expect(a.headers[h], `${h} of ${url}`).toBe(b.headers[h]);
    }
  }, 300_000);

  it('answers the endpoint from memory (only standards and waits from the database), and sees a publish made elsewhere once its notification arrives', async () => {
    const probe = counting(t.db);
    const app = createApp({
      db: probe.db,
      config: { CLIENT_DIST: '/nonexistent' },
      logger: createLogger('silent'),
      nearestIndex: index,
    });
    const at = '/api/service-points/nearest?lon=-66.64&lat=45.96&limit=5';
    await until('the standards and waits to be read', () => index.figuresOf([], new Date()) !== null);
    const before = probe.count();
    const first = await request(app).get(at).expect(200);
    // Neither a nearest-neighbour search nor the five points' standards and latest waits: no statement at all.
    expect(probe.texts.slice(before)).toEqual([]);
    expect(first.body.results).toHaveLength(5);
    expect(first.body.results[0].name).not.toBe('New office at the query point');

    // Another process (here: the test, on the database directly) publishes a point at the query point.
    const feed: FeedSpec = {
      id: 'late-feed',
      jurisdiction_id: 'ca-nb',
      name_en: 'Late feed',
      name_fr: 'Flux tardif',
      format: 'csv',
      licence: 'Test licence',
    };
    const points: PointRecord[] = [
      {
        source_id: 'L1',
        name_en: 'New office at the query point',
        categories: [],
        languages: ['en'],
        accessibility: [],
        lon: -66.64,
        lat: 45.96,
        geocode_quality: 'source',
        extra: {},
      },
    ];
    await loadAndPublish(t.db, feed, {
      checksum: 'late',
      sourceName: 'late.csv',
      records: points,
      report: reportFor(points),
    });
    try {
      await until(
        'the index to reload',
        () => index.status().state === 'ready' && index.status().points === RANDOM_POINTS + 1,
      );
      const after = await request(app).get(at).expect(200);
      expect(after.body.results[0]).toMatchObject({
        name: 'New office at the query point',
        distance_m: 0,
        source: { feed_id: 'late-feed' },
      });
    } finally {
      await withdraw(feed.id);
    }
  });

  it('keeps answering while a write of its own process runs, then holds back until the writer can read its own publish', async () => {
    const tracked = index.trackWrites(t.db);
    // A long write (an upload being stored) changes nothing anyone can see until it commits: citizens keep the index.
    await until('the index to answer', () => index.nearest({ lon: -70.5, lat: 47.5, limit: 1 }) !== null);
    let answeredDuring: unknown = null;
    await tracked.transaction(async (tx) => {
      await tx.query('SELECT 1');
      answeredDuring = index.nearest({ lon: -70.5, lat: 47.5, limit: 1 });
    });
    expect(answeredDuring).not.toBeNull();
    const feed: FeedSpec = {
      id: 'own-feed',
      jurisdiction_id: 'ca-nb',
      name_en: 'Own feed',
      name_fr: 'Flux propre',
      format: 'csv',
      licence: 'Test licence',
    };
    const points: PointRecord[] = [
      {
        source_id: 'O1',
        name_en: 'Own office',
        categories: [],
        languages: ['fr'],
        accessibility: [],
        lon: -70.5,
        lat: 47.5,
        geocode_quality: 'source',
        extra: {},
      },
    ];
    const params = { lon: -70.5, lat: 47.5, limit: 1 };
    await loadAndPublish(tracked, feed, {
      checksum: 'own',
      sourceName: 'own.csv',
      records: points,
      report: reportFor(points),
    });
    try {
      // Straight after the commit: either the index already has it, or it says it cannot answer.
      const rows = index.nearest(params);
      if (rows !== null) expect(rows[0]!.name_en).toBe('Own office');
      await until('the index to reload', () => index.nearest(params) !== null);
      expect(index.nearest(params)![0]!.name_en).toBe('Own office');
    } finally {
      await withdraw(feed.id);
    }
  });

  it('keeps standards and waits in memory: a push elsewhere is in the next answer once its notification arrives, staleness by the clock, and a writer reads its own push', async () => {
    const probe = counting(t.db);
    const config = { CLIENT_DIST: '/nonexistent' };
    const logger = createLogger('silent');
    const fast = createApp({ db: probe.db, config, logger, nearestIndex: index });
    const slow = createApp({ db: t.db, config, logger, nearestIndex: null });
    const at = '/api/service-points/nearest?lon=-79.4&lat=43.7&limit=3';
    const before = (await request(slow).get(at).expect(200)).body.results as {
      id: string;
      jurisdiction_id: string;
    }[];
    const [a, b] = [before[0]!, before[1]!];
    const now = Date.now();
    const push = (
      db: Database,
      target: { id: string; jurisdiction_id: string },
      minutes: number | null,
      pct: number | null,
      measuredAgoMin: number,
    ) =>
      db.query(sqlFile('channels_insert_performance'), [
        'point',
        target.id,
        target.jurisdiction_id,
        minutes,
        pct,
        pct === null ? null : '2026-11-01',
        pct === null ? null : '2026-11-30',
        new Date(now - measuredAgoMin * 60_000).toISOString(),
        60,
        null,
      ]);
    const figuresHeard = (id: string, ok: (f: { standard: unknown; performance: unknown }) => boolean) =>
      until(`the figures of ${id} to be read`, () => {
        const f = index.figuresOf([id], new Date());
        return f !== null && ok(f[0]!);
      });
    try {
      // Another process sets a's standard, a fresh wait, and a share of standard met an hour past its validity.
      await t.db.query(sqlFile('channels_upsert_standard'), [
        'point',
        a.id,
        a.jurisdiction_id,
        'Served within 20 minutes',
        'Servi en moins de 20 minutes',
        null,
        20,
        'https://example.gc.ca/standard',
      ]);
      await push(t.db, a, 12, null, 1);
      await push(t.db, a, null, 91.5, 120);
      await figuresHeard(a.id, (f) => f.standard !== null && f.performance !== null);
      const count = probe.count();
      for (const lang of ['en', 'fr']) {
        const url = `${at}&lang=${lang}`;
        const [mem, sql] = [await request(fast).get(url).expect(200), await request(slow).get(url).expect(200)];
        expect(mem.text, url).toBe(sql.text);
        expect(mem.body.results[0]).toMatchObject({
          id: a.id,
          standard: {
            text: lang === 'fr' ? 'Servi en moins de 20 minutes' : 'Served within 20 minutes',
            target_minutes: 20,
          },
          performance: {
            current_wait_minutes: 12,
            wait: { minutes: 12, is_stale: false },
            standard_met: { pct: 91.5, is_stale: true },
          },
        });
        expect(mem.body.results[1]).toMatchObject({ id: b.id, standard: null, performance: null });
      }
      expect(probe.texts.slice(count), 'statements sent for the answers from memory').toEqual([]);

      // A wait measured 59 minutes ago, valid for 60: fresh now, stale by the clock a minute later, with no new push.
      await t.db.query("DELETE FROM service_performance WHERE target_kind = 'point' AND target_id = $1", [a.id]);
      await push(t.db, a, 7, null, 59);
      await figuresHeard(a.id, (f) => (f.performance as { wait?: { minutes: number } } | null)?.wait?.minutes === 7);
      const [fresh] = index.figuresOf([a.id], new Date(now))!;
      const [later] = index.figuresOf([a.id], new Date(now + 2 * 60_000))!;
      expect(fresh!.performance!.wait!.is_stale).toBe(false);
      expect(later!.performance!.wait!.is_stale).toBe(true);

      // This process pushes b's wait: straight after the commit, the index gives either the new wait or no answer.
      const tracked = index.trackWrites(t.db);
      await tracked.transaction((tx) => push(tx as Database, b, 25, null, 0));
      const straight = index.figuresOf([b.id], new Date());
      if (straight !== null) expect(straight[0]!.performance!.wait!.minutes).toBe(25);
      await figuresHeard(b.id, (f) => f.performance !== null);
    } finally {
      await t.db.query("DELETE FROM service_performance WHERE target_kind = 'point' AND target_id = ANY($1)", [
        [a.id, b.id],
      ]);
      await t.db.query("DELETE FROM service_standards WHERE target_kind = 'point' AND target_id = $1", [a.id]);
    }
    await figuresHeard(a.id, (f) => f.standard === null && f.performance === null);
    await figuresHeard(b.id, (f) => f.performance === null);
    const [mem, sql] = [await request(fast).get(at).expect(200), await request(slow).get(at).expect(200)];
    expect(mem.text).toBe(sql.text);
  });

  it('is told to reload only when what citizens see changes: not for a staged or failed upload, nor a feed refreshed unchanged', async () => {
    const heard: string[] = [];
    const stop = await t.db.listen!('service_points_changed', (p) => heard.push(p));
    const settle = () => new Promise((r) => setTimeout(r, 400));
    try {
      const feed: FeedSpec = {
        id: 'quiet-feed',
        jurisdiction_id: 'ca-nb',
        name_en: 'Quiet feed',
        name_fr: 'Flux discret',
        format: 'csv',
        licence: 'Test licence',
      };
      const points: PointRecord[] = [
        {
          source_id: 'Q1',
          name_en: 'Quiet office',
          categories: [],
          languages: ['en'],
          accessibility: [],
          lon: -66.1,
          lat: 45.3,
          geocode_quality: 'source',
          extra: {},
        },
      ];
      await t.db.transaction((tx) => upsertFeed(tx, feed));
      await settle();
      heard.length = 0;
      // The same refresh every upload makes, a staged version with its points, a failed one: nothing citizens see.
      const staged = await t.db.transaction(async (tx) => {
        await upsertFeed(tx, feed);
        return stageVersion(tx, feed, {
          checksum: 'q1',
          sourceName: 'q.csv',
          records: points,
          report: reportFor(points),
        });
      });
      await recordFailedVersion(t.db, feed, { checksum: 'q2', sourceName: 'bad.csv', report: new LoadReport() });
      await settle();
      expect(heard).toEqual([]);
      // Publishing it, and renaming the feed, are seen.
      await t.db.transaction((tx) => publishVersion(tx, feed.id, staged));
      await settle();
      expect(heard.length).toBeGreaterThan(0);
      heard.length = 0;
      await t.db.transaction((tx) => upsertFeed(tx, { ...feed, name_en: 'Quiet feed, renamed' }));
      await settle();
      expect(heard).toEqual(['feeds']);
    } finally {
      await stop();
      // Its one published point goes, so the tests after it start from the random points alone.
      await withdraw('quiet-feed');
    }
  });
});
