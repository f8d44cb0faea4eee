import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { createLogger } from '../../server/logger.js';
import { PublishedPointIndex } from '../../server/nearest/published-point-index.js';
import { publishTiny, publishTinyFeeds } from '../fixtures/tiny-feeds.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';

const WEEKDAYS = { weekly: [1, 2, 3, 4, 5].map((day) => ({ day, opens: '08:30', closes: '16:30' })) };
const EVERY_DAY = { weekly: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, opens: '00:00', closes: '23:59' })) };

/** Points with hours (so open_now and the week are in the answers) beside the tiny feeds. */
const HOURS_FEED = {
  id: 'test-hours',
  jurisdiction_id: 'ca-nb',
  name_en: 'Test centres with hours',
  name_fr: 'Centres d’essai avec heures',
  format: 'csv' as const,
  licence: 'Test licence',
  attribution_en: 'Test <b>attribution</b>',
  attribution_fr: 'Attribution d’essai',
};
const HOURS_POINTS = [
  { id: 'H1', name: 'Oromocto service centre', lon: -66.48, lat: 45.85, hours: WEEKDAYS },
  { id: 'H2', name: 'Woodstock service centre "24/7"', lon: -67.57, lat: 46.15, hours: EVERY_DAY },
  { id: 'H3', name: 'Sussex service centre', lon: -65.51, lat: 45.72, hours: 'Mon-Fri 9-5, by appointment' },
].map((p) => ({
  source_id: p.id,
  name_en: p.name,
  name_fr: `${p.name} (fr)`,
  categories: ['health_card'],
  languages: ['en', 'fr'],
  accessibility: ['wheelchair'],
  lon: p.lon,
  lat: p.lat,
  geocode_quality: 'source' as const,
  extra: { note: 'line\nbreak \u2028 and \u00e9' },
  province: 'NB',
  hours: p.hours,
}));

interface Sent {
  status: number;
  headers: [string, string][];
  body: string;
}

/** What a client sees of an answer: status, every header but Date in order, and the body (decoded). */
function seen(res: request.Response): Sent {
  const headers = Object.entries(res.headers as Record<string, string>)
    .filter(([name]) => name !== 'date')
    // The limit's window is measured from each app's first request: its seconds left may differ by one or two.
    .map(([name, value]): [string, string] =>
      name === 'ratelimit'
        ? [name, value.replace(/reset=\d+/, 'reset=~')]
        : name === 'retry-after' && res.status === 429 && /^\d+$/.test(value)
          ? [name, '~']
          : [name, value],
    );
  return { status: res.status, headers, body: res.text ?? '' };
}

type Ask = (app: Express) => request.Test;

const at = 'lon=-66.6431&lat=45.9636';
const path = (qs: string) => `/api/service-points/nearest?${qs}`;
/** Requests a citizen, a script or a hostile client may send, good and bad. */
const ASKS: [string, Ask][] = [
  ['plain', (a) => request(a).get(path(at))],
  ['limit and French', (a) => request(a).get(path(`${at}&limit=3&lang=fr`))],
  ['French by Accept-Language', (a) => request(a).get(path(at)).set('Accept-Language', 'fr-CA,fr;q=0.9,en;q=0.5')],
  ['far away, no radius', (a) => request(a).get(path('lon=-123.1&lat=49.25&limit=2'))],
  [
    'every filter',
    (a) =>
      request(a).get(
        path(`${at}&level=provincial&jurisdiction=ca-nb&category=health_card&language=fr&accessibility=wheelchair`),
      ),
  ],
  ['within 60 km', (a) => request(a).get(path(`${at}&max_distance_km=60`))],
  ['nothing within 1 m', (a) => request(a).get(path('lon=-100&lat=60&max_distance_km=0.001'))],
  ['open now', (a) => request(a).get(path(`${at}&open_now=true`))],
  ['open now, French', (a) => request(a).get(path(`${at}&open_now=true&lang=fr`))],
  ['CSV', (a) => request(a).get(path(`${at}&format=csv`))],
  ['GeoJSON', (a) => request(a).get(path(`${at}&format=geojson&lang=fr`))],
  ['limit above the maximum', (a) => request(a).get(path('lon=-66&lat=45&limit=5000'))],
  [
    'gzip asked',
    (a) =>
      request(a)
        .get(path(`${at}&limit=20`))
        .set('Accept-Encoding', 'gzip'),
  ],
  [
    'brotli asked, small answer',
    (a) =>
      request(a)
        .get(path(`${at}&limit=1`))
        .set('Accept-Encoding', 'br'),
  ],
  ['identity only', (a) => request(a).get(path(at)).set('Accept-Encoding', 'identity')],
  ['from another site', (a) => request(a).get(path(at)).set('Origin', 'https://example.org')],
  ['through a proxy', (a) => request(a).get(path(at)).set('X-Forwarded-For', '203.0.113.7')],
  ['HEAD', (a) => request(a).head(path(at))],
  ['preflight', (a) => request(a).options(path(at)).set('Origin', 'https://example.org')],
  ['a cache that holds this answer', (a) => request(a).get(path(at)).set('If-None-Match', ETAG.value)],
  ['a cache that holds another answer', (a) => request(a).get(path(at)).set('If-None-Match', '"not-this"')],
  ['a GET with a JSON body', (a) => request(a).get(path(at)).set('Content-Type', 'application/json').send('{"x":')],
  ['bad lon, lat and level', (a) => request(a).get(path('lon=abc&lat=95&level=galactic'))],
  ['missing lon, in French', (a) => request(a).get(path('lat=45&lang=fr'))],
  ['limit 0', (a) => request(a).get(path('lon=-66&lat=45&limit=0'))],
  ['negative distance', (a) => request(a).get(path(`${at}&max_distance_km=-5`))],
  [
    'bad format, gzip asked',
    (a) =>
      request(a)
        .get(path(`${at}&format=xml`))
        .set('Accept-Encoding', 'gzip'),
  ],
  ['repeated lon', (a) => request(a).get(path('lon=-66&lon=-67&lat=45'))],
  ['hostile text', (a) => request(a).get(path(`lon=${encodeURIComponent('<script>')}&lat=45&lang=fr`))],
  ['a path under nearest', (a) => request(a).get('/api/service-points/nearest/extra')],
  ['nearest with a trailing slash', (a) => request(a).get(`/api/service-points/nearest/?${at}`)],
];
/** The tag of the plain answer, read from the first app once it has answered. */
const ETAG = { value: '' };

describe.each(MODES)('the lean nearest route on %s', (mode) => {
  let t: TestDatabase;
  let index: PublishedPointIndex;
  beforeAll(async () => {
    t = await openTestDatabase(mode);
    await publishTinyFeeds(t.db);
    await publishTiny(t.db, HOURS_FEED, HOURS_POINTS);
    // A standard and a current wait on one point, a stale wait on another: both read per request.
    const ids = (
      await t.db.query<{ id: string; source_id: string }>(
        `SELECT id, source_id FROM service_points WHERE is_published AND source_id IN ('F1', 'H1') ORDER BY source_id`,
      )
    ).rows;
    const [f1, h1] = [ids.find((r) => r.source_id === 'F1')!.id, ids.find((r) => r.source_id === 'H1')!.id];
    await t.db.query(
      `INSERT INTO service_standards (target_kind, target_id, jurisdiction_id, text_en, text_fr, target_minutes, origin)
       VALUES ('point', $1, 'ca', 'Served within 20 minutes.', 'Servi en moins de 20 minutes.', 20, 'steward')`,
      [f1],
    );
    await t.db.query(
      `INSERT INTO service_performance (target_kind, target_id, jurisdiction_id, wait_minutes, measured_at, valid_until)
       VALUES ('point', $1, 'ca', 12, now() - interval '5 minutes', now() + interval '1 hour'),
              ('point', $2, 'ca-nb', 40, now() - interval '3 hours', now() - interval '1 hour')`,
      [f1, h1],
    );
    index = new PublishedPointIndex(t.db, { maxPoints: 100_000 });
    await index.start();
    await index.ready();
  }, 180_000);
  afterAll(async () => {
    await index?.close();
    await t?.cleanup();
  });

  describe.each([
    ['from the in-process index', () => index],
    ['from SQL (no index)', () => null],
  ])('answering %s', (_label, indexOf) => {
    const appOf = (leanNearest: boolean, limits: { reads: number; writes: number }) =>
      createApp({
        db: t.db,
        config: {
          CLIENT_DIST: '/nonexistent',
          RATE_LIMIT_PER_MIN: limits.reads,
          WRITE_RATE_LIMIT_PER_MIN: limits.writes,
        },
        logger: createLogger('silent'),
        nearestIndex: indexOf(),
        leanNearest,
      });

    it('sends what the general chain sends: status, headers in order and body, for good and bad requests', async () => {
      expect(indexOf() === null || index.status().state === 'ready').toBe(true);
      // A read limit high enough for the whole list: its headers are compared too.
      const lean = appOf(true, { reads: 1000, writes: 30 });
      const general = appOf(false, { reads: 1000, writes: 30 });
      ETAG.value = (await request(general).get(path(at)).expect(200)).headers['etag'] as string;
      await request(lean).get(path(at)).expect(200);
      expect(ETAG.value).toMatch(/^"/);
      const statuses = new Set<number>();
      for (const [label, ask] of ASKS) {
        const [a, b] = [seen(await ask(lean)), seen(await ask(general))];
        expect(a, label).toEqual(b);
        statuses.add(a.status);
      }
      // The list reached every kind of answer.
      expect([...statuses].sort()).toEqual([200, 204, 304, 400, 404]);
    });

    it('counts against the same per-client limit and refuses alike once it is spent, in both languages', async () => {
      const lean = appOf(true, { reads: 5, writes: 0 });
      const general = appOf(false, { reads: 5, writes: 0 });
      for (let i = 0; i < 7; i += 1) {
        const lang = i % 2 ? 'fr' : 'en';
        const [a, b] = [
          seen(await request(lean).get(path(`${at}&lang=${lang}`))),
          seen(await request(general).get(path(`${at}&lang=${lang}`))),
        ];
        expect(a, `request ${i + 1}`).toEqual(b);
        expect(a.status).toBe(i < 5 ? 200 : 429);
      }
      // The lean route and the rest of the API share one counter: the limit is spent for every read.
      await request(lean).get('/api/categories').expect(429);
    });
  });
});
