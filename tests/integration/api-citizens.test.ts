import request from 'supertest';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { stablePointId } from '../../data-loaders/lib/publish-feed.js';
import { runWithQueryClass } from '../../db/query-class.js';
import { createApiKey } from '../../server/auth/api-keys.js';
import { messages } from '../../server/http/messages.js';
import { ONTARIO_FEED, ONTARIO_POINTS, publishTiny, publishTinyFeeds } from '../fixtures/tiny-feeds.js';
import { testApp } from '../support/test-app.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * A federal feed uploaded as a file, as a steward would: two offices open
 * round the clock, closed on statutory holidays, one in Vancouver and one in
 * St. John's, and a Toronto office with a column of closed dates in French.
 */
const HOLIDAY_CSV = [
  'id,name,address,city,province,lat,lon,hours,closed on statutory holidays,dates de fermeture',
  'V1,Vancouver federal office,1 Main St,Vancouver,BC,49.2827,-123.1207,Mon-Sun 0:00-24:00,yes,',
  'S1,St. John’s federal office,1 Water St,St. John’s,NL,47.5615,-52.7126,Mon-Sun 0:00-24:00,oui,',
  'T1,Toronto federal office,1 Bay St,Toronto,ON,43.6532,-79.3832,Mon-Fri 8:30-16:30,non,24 décembre 2026; December 31 and 2026-08-03',
].join('\n');

/** A New Brunswick office as an HSDS organization: weekday hours, an expired summer schedule, a closure. */
const HSDS_ORGANIZATION = {
  id: '4b0a4c8e-5f6a-4b8e-9d2e-1f2a3b4c5d6e',
  name: 'Service New Brunswick',
  locations: [
    {
      id: 'b6f1d1a2-0c1e-4f3b-8a6d-2e3f4a5b6c7d',
      location_type: 'physical',
      name: 'SNB Oromocto',
      latitude: 45.85,
      longitude: -66.48,
      addresses: [
        {
          id: 'a1',
          address_1: '1 Main St',
          city: 'Oromocto',
          state_province: 'NB',
          postal_code: 'E2V 2G2',
          country: 'CA',
          address_type: 'physical',
        },
      ],
      schedules: [
        {
          id: 's1',
          byday: 'MO,TU,WE,TH,FR',
          opens_at: '08:30',
          closes_at: '16:30',
          valid_to: '2099-12-31',
          description: 'Closed on statutory holidays',
        },
        // Summer Saturdays of 2020: over, so not this office's hours.
        {
          id: 's2',
          byday: 'SA',
          opens_at: '10:00',
          closes_at: '12:00',
          valid_from: '2020-06-01',
          valid_to: '2020-08-31',
        },
        {
          id: 's3',
          valid_from: '2099-01-02',
          valid_to: '2099-01-03',
          description: 'Closed for renovation / Fermé pour rénovation',
        },
      ],
    },
  ],
};

describe.each(MODES)('citizens: report a problem, holidays, channels on the point, export on %s', (mode) => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  let nbKey: string;
  let onKey: string;
  let federalKey: string;
  const nbPoint = stablePointId('test-nb', 'P1');
  const onPoint = stablePointId('test-on', 'O1');

  beforeAll(async () => {
    t = await openTestDatabase(mode);
    await publishTinyFeeds(t.db);
    await publishTiny(t.db, ONTARIO_FEED, ONTARIO_POINTS);
    nbKey = (await createApiKey(t.db, 'ca-nb', 'test')).key;
    onKey = (await createApiKey(t.db, 'ca-on', 'test')).key;
    federalKey = (await createApiKey(t.db, 'ca', 'test')).key;
    app = testApp(t.db);
  });
  afterAll(() => t?.cleanup());
  afterEach(() => {
    vi.useRealTimers();
  });

  // Feeds a steward uploads through the API, once per database however many tests need them and
  // in whichever order they run: each test that reads them calls these first.
  let holidayUpload: Promise<request.Response> | undefined;
  const holidayFeed = () =>
    (holidayUpload ??= (async () => {
      await request(app)
        .post('/api/feeds')
        .set('Authorization', `Bearer ${federalKey}`)
        .send({
          jurisdiction_id: 'ca',
          id: 'ca-test-holidays',
          name_en: 'Federal offices with holidays',
          name_fr: 'Bureaux fédéraux et jours fériés',
        })
        .expect(201);
      return request(app)
        .post('/api/feeds/ca-test-holidays/versions?publish=true')
        .set('Authorization', `Bearer ${federalKey}`)
        .attach('file', Buffer.from(HOLIDAY_CSV), 'offices.csv')
        .expect(201);
    })());
  let hsdsUpload: Promise<request.Response> | undefined;
  const hsdsFeed = () =>
    (hsdsUpload ??= (async () => {
      await request(app)
        .post('/api/feeds')
        .set('Authorization', `Bearer ${nbKey}`)
        .send({ jurisdiction_id: 'ca-nb', id: 'ca-nb-test-hsds', name_en: 'SNB (HSDS)', format: 'hsds' })
        .expect(201);
      return request(app)
        .post('/api/feeds/ca-nb-test-hsds/versions?publish=true')
        .set('Authorization', `Bearer ${nbKey}`)
        .attach('file', Buffer.from(JSON.stringify([HSDS_ORGANIZATION])), 'hsds.json')
        .expect(201);
    })());

  describe('report a problem', () => {
    // Each test starts from empty inboxes and a citizen the report limit has not seen yet.
    beforeEach(async () => {
      await t.db.query('DELETE FROM point_reports');
      app = testApp(t.db);
    });
    /** What the inbox tests start from: two reports on a New Brunswick centre (French, then English) and five on Ontario's. */
    async function fileInboxReports(): Promise<void> {
      const citizen = testApp(t.db);
      await request(citizen)
        .post(`/api/service-points/${nbPoint}/reports`)
        .send({ message: 'The centre moved to 200 King St last month.', email: 'resident@example.org', lang: 'en' })
        .expect(202);
      await request(citizen)
        .post(`/api/service-points/${nbPoint}/reports?lang=fr`)
        .send({ message: 'Les heures du samedi sont fausses.' })
        .expect(202);
      const another = testApp(t.db);
      for (let i = 0; i < 5; i++)
        await request(another)
          .post(`/api/service-points/${onPoint}/reports`)
          .send({ message: `Report number ${i} about the Ottawa centre` })
          .expect(202);
    }

    it('files a report against the point and its published version, with no address stored', async () => {
      const res = await request(app)
        .post(`/api/service-points/${nbPoint}/reports`)
        .send({ message: 'The centre moved to 200 King St last month.', email: 'resident@example.org', lang: 'en' })
        .expect(202);
      expect(res.body).toMatchObject({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'received' });
      expect(res.headers['cache-control']).toBe('no-store');
      const fr = await request(app)
        .post(`/api/service-points/${nbPoint}/reports?lang=fr`)
        .send({ message: 'Les heures du samedi sont fausses.' })
        .expect(202);
      expect(fr.body.status).toBe('received');
      // Operators ('*', as batch work) see how it was stored: under the feed's jurisdiction and version, and nothing else.
      const stored = await t.db.query<Record<string, unknown>>(
        'SELECT * FROM point_reports WHERE point_id = $1 ORDER BY created_at',
        [nbPoint],
      );
      expect(stored.rows).toHaveLength(2);
      expect(stored.rows[0]).toMatchObject({
        feed_id: 'test-nb',
        jurisdiction_id: 'ca-nb',
        status: 'new',
        lang: 'en',
        email: 'resident@example.org',
      });
      expect(stored.rows[1]).toMatchObject({ lang: 'fr', email: null });
      expect(stored.rows[0]!['feed_version_id']).not.toBeNull();
      expect(Object.keys(stored.rows[0]!).some((k) => /ip|addr|agent/i.test(k))).toBe(false);
    });

    it('refuses an empty or over-long message and a malformed e-mail, naming the field in both languages', async () => {
      const short = await request(app)
        .post(`/api/service-points/${nbPoint}/reports`)
        .send({ message: ' hi ' })
        .expect(400);
      expect(short.body.errors[0].field).toBe('message');
      const long = await request(app)
        .post(`/api/service-points/${nbPoint}/reports?lang=fr`)
        .send({ message: 'x'.repeat(2001) })
        .expect(400);
      // In French as asked, naming the limit.
      expect(long.body.errors[0]).toMatchObject({ field: 'message', message: expect.stringContaining('2000') });
      const longEn = await request(app)
        .post(`/api/service-points/${nbPoint}/reports`)
        .send({ message: 'x'.repeat(2001) })
        .expect(400);
      expect(longEn.body.errors[0].message).toContain('2000');
      expect(longEn.body.errors[0].message).not.toBe(long.body.errors[0].message);
      const mail = await request(app)
        .post(`/api/service-points/${nbPoint}/reports`)
        .send({ message: 'Wrong phone number', email: 'not-an-email' })
        .expect(400);
      expect(mail.body.errors[0].field).toBe('email');
      await request(app)
        .post('/api/service-points/0000000000000000/reports')
        .send({ message: 'Wrong phone number' })
        .expect(404);
    });

    it('answers a robot that fills the hidden field as it answers a person, and stores nothing', async () => {
      const before = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM point_reports');
      const res = await request(app)
        .post(`/api/service-points/${nbPoint}/reports`)
        .send({ message: 'Buy cheap watches at example.com', website: 'https://spam.example' })
        .expect(202);
      expect(res.body.status).toBe('received');
      const after = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM point_reports');
      expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
    });

    it('limits each client to a few reports in ten minutes, with a bilingual 429', async () => {
      const fresh = testApp(t.db);
      for (let i = 0; i < 5; i++) {
        await request(fresh)
          .post(`/api/service-points/${onPoint}/reports`)
          .send({ message: `Report number ${i} about the Ottawa centre` })
          .expect(202);
      }
      const blocked = await request(fresh)
        .post(`/api/service-points/${onPoint}/reports?lang=fr`)
        .send({ message: 'One too many reports' })
        .expect(429);
      expect(blocked.headers['content-type']).toContain('application/problem+json');
      expect(blocked.body.detail).toBe(messages.too_many_reports.fr);
      // Reading is not limited by it.
      await request(fresh).get(`/api/service-points/${onPoint}`).expect(200);
    });

    it('shows each steward their own feed’s reports, never another jurisdiction’s', async () => {
      await fileInboxReports();
      const nb = await request(app)
        .get('/api/feeds/test-nb/reports')
        .set('Authorization', `Bearer ${nbKey}`)
        .expect(200);
      expect(nb.body.results.map((r: { message: string }) => r.message)).toEqual([
        'Les heures du samedi sont fausses.',
        'The centre moved to 200 King St last month.',
      ]);
      expect(nb.body.results[0]).toMatchObject({
        point_id: nbPoint,
        point_name: 'Fredericton provincial centre',
        status: 'new',
        point_published: true,
      });
      expect(nb.headers['cache-control']).toContain('no-store');
      const on = await request(app)
        .get('/api/feeds/test-on/reports')
        .set('Authorization', `Bearer ${onKey}`)
        .expect(200);
      expect(on.body.results).toHaveLength(5);
      expect(on.body.results.every((r: { point_id: string }) => r.point_id === onPoint)).toBe(true);
      // Another jurisdiction's key: 403, and no key: 401.
      const other = await request(app)
        .get('/api/feeds/test-nb/reports?lang=fr')
        .set('Authorization', `Bearer ${onKey}`)
        .expect(403);
      expect(other.body.detail).toBe(messages.other_jurisdiction.fr);
      await request(app).get('/api/feeds/test-nb/reports').expect(401);
      await request(app).get('/api/feeds/no-such-feed/reports').set('Authorization', `Bearer ${nbKey}`).expect(404);
    });

    it.runIf(mode === 'postgis')(
      'hides other jurisdictions’ reports in the database itself (row-level security)',
      async () => {
        await fileInboxReports();
        const count = (jurisdiction: string) =>
          runWithQueryClass(
            'write',
            async () =>
              (
                await t.db.query<{ n: number; j: string[] | null }>(
                  'SELECT count(*)::int AS n, array_agg(DISTINCT jurisdiction_id) AS j FROM point_reports',
                )
              ).rows[0]!,
            jurisdiction,
          );
        expect(await count('ca-nb')).toEqual({ n: 2, j: ['ca-nb'] });
        expect(await count('ca-on')).toEqual({ n: 5, j: ['ca-on'] });
        expect((await count('ca-qc')).n).toBe(0);
        // Nor may a steward change another jurisdiction's report by going around the API.
        const changed = await runWithQueryClass(
          'write',
          () => t.db.query("UPDATE point_reports SET status = 'resolved' WHERE jurisdiction_id = 'ca-nb'"),
          'ca-on',
        );
        expect(changed.rowCount).toBe(0);
        // A citizen's request (no jurisdiction) may file a report, not read them back.
        expect(
          (await runWithQueryClass('citizen', async () => (await t.db.query('SELECT id FROM point_reports')).rows))
            .length,
        ).toBe(0);
      },
    );

    it('lets the steward acknowledge and resolve a report, filter by status and export the inbox as CSV', async () => {
      await fileInboxReports();
      const inbox = await request(app)
        .get('/api/feeds/test-nb/reports')
        .set('Authorization', `Bearer ${nbKey}`)
        .expect(200);
      const rid = inbox.body.results[1].id as string;
      await request(app)
        .patch(`/api/feeds/test-nb/reports/${rid}`)
        .set('Authorization', `Bearer ${onKey}`)
        .send({ status: 'resolved' })
        .expect(403);
      await request(app)
        .patch(`/api/feeds/test-on/reports/${rid}`)
        .set('Authorization', `Bearer ${onKey}`)
        .send({ status: 'resolved' })
        .expect(404);
      const bad = await request(app)
        .patch(`/api/feeds/test-nb/reports/${rid}`)
        .set('Authorization', `Bearer ${nbKey}`)
        .send({ status: 'deleted' })
        .expect(400);
      expect(bad.body.errors[0].field).toBe('status');
      const ack = await request(app)
        .patch(`/api/feeds/test-nb/reports/${rid}`)
        .set('Authorization', `Bearer ${nbKey}`)
        .send({ status: 'acknowledged' })
        .expect(200);
      expect(ack.body).toMatchObject({ id: rid, status: 'acknowledged' });
      await request(app)
        .patch(`/api/feeds/test-nb/reports/${rid}`)
        .set('Authorization', `Bearer ${nbKey}`)
        .send({ status: 'resolved' })
        .expect(200);
      const open = await request(app)
        .get('/api/feeds/test-nb/reports?status=new,acknowledged')
        .set('Authorization', `Bearer ${nbKey}`)
        .expect(200);
      expect(open.body.results.map((r: { id: string }) => r.id)).not.toContain(rid);
      const csv = await request(app)
        .get('/api/feeds/test-nb/reports?format=csv')
        .set('Authorization', `Bearer ${nbKey}`)
        .expect(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.headers['content-disposition']).toContain('test-nb-reports.csv');
      expect(csv.text).toContain('resolved');
      expect(csv.text).toContain('resident@example.org');
    });

    it('is in the OpenAPI document', async () => {
      const doc = await request(app).get('/api/openapi.json').expect(200);
      expect(doc.body.paths['/api/service-points/{id}/reports'].post).toBeDefined();
      expect(doc.body.paths['/api/feeds/{id}/reports'].get).toBeDefined();
      expect(doc.body.paths['/api/feeds/{id}/reports/{rid}'].patch).toBeDefined();
    });
  });

  describe('holidays and special hours', () => {
    it('loads closed dates (English or French) and "closed on statutory holidays" from a feed’s columns', async () => {
      const up = await holidayFeed();
      expect(up.body.counts).toMatchObject({ accepted: 3, rejected: 0 });
      const toronto = await request(app)
        .get(`/api/service-points/${stablePointId('ca-test-holidays', 'T1')}`)
        .expect(200);
      expect(toronto.body.hours.exceptions).toEqual([
        { date: '12-31', closed: true },
        { date: '2026-08-03', closed: true },
        { date: '2026-12-24', closed: true },
      ]);
      expect(toronto.body.hours.closed_on_holidays).toBe(false);
      const vancouver = await request(app)
        .get(`/api/service-points/${stablePointId('ca-test-holidays', 'V1')}`)
        .expect(200);
      expect(vancouver.body.hours.closed_on_holidays).toBe(true);
    });

    it('reads HSDS schedules with validity dates, closures and "closed on statutory holidays"', async () => {
      await hsdsFeed();
      const res = await request(app).get(`/api/service-points?jurisdiction=ca-nb&limit=50`).expect(200);
      const oromocto = res.body.results.find((r: { name: string }) => r.name === 'SNB Oromocto');
      expect(oromocto.hours.weekly).toHaveLength(5);
      expect(oromocto.hours.closed_on_holidays).toBe(true);
      expect(oromocto.hours.exceptions).toEqual([
        { date: '2099-01-02', closed: true },
        { date: '2099-01-03', closed: true },
      ]);
    });

    it('is closed on the province’s statutory holiday on the point’s own wall clock, not the server’s', async () => {
      await holidayFeed();
      // 03:00 UTC on 2 July 2026: still Canada Day (20:00, 1 July) in Vancouver, already 2 July (00:30) in St. John's.
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date('2026-07-02T03:00:00Z'));
      const get = async (id: string, lang = 'en') =>
        (
          await request(app)
            .get(`/api/service-points/${stablePointId('ca-test-holidays', id)}?lang=${lang}`)
            .expect(200)
        ).body;
      const vancouver = await get('V1');
      expect(vancouver.open_now).toBe(false);
      expect(vancouver.hours_today).toMatchObject({
        date: '2026-07-01',
        closed: true,
        time_zone: 'America/Vancouver',
        text: 'Closed',
        exception: { label: 'Canada Day' },
      });
      const vancouverFr = await get('V1', 'fr');
      expect(vancouverFr.hours_today).toMatchObject({ text: 'Fermé', exception: { label: 'Fête du Canada' } });
      const stJohns = await get('S1');
      expect(stJohns.open_now).toBe(true);
      expect(stJohns.hours_today).toMatchObject({
        date: '2026-07-02',
        closed: false,
        time_zone: 'America/St_Johns',
        exception: null,
      });
      // The week ahead starts today in the point's zone, and carries the next holiday (BC Day, 3 August, is a month away).
      expect(vancouver.hours_week).toHaveLength(7);
      expect(vancouver.hours_week.map((d: { date: string }) => d.date)).toEqual([
        '2026-07-01',
        '2026-07-02',
        '2026-07-03',
        '2026-07-04',
        '2026-07-05',
        '2026-07-06',
        '2026-07-07',
      ]);
      expect(vancouver.hours_week[1]).toMatchObject({ closed: false, exception: null });
    });

    it('applies a feed’s own closed date, and open_now=true leaves closed points out', async () => {
      await holidayFeed();
      // Monday 3 August 2026, 10:00 in Toronto: a weekday the Toronto office's column closes.
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date('2026-08-03T14:00:00Z'));
      const toronto = (
        await request(app)
          .get(`/api/service-points/${stablePointId('ca-test-holidays', 'T1')}`)
          .expect(200)
      ).body;
      expect(toronto).toMatchObject({ open_now: false, hours_today: { date: '2026-08-03', closed: true } });
      const open = await request(app)
        .get('/api/service-points/nearest?lon=-79.38&lat=43.65&open_now=true&jurisdiction=ca&limit=5')
        .expect(200);
      expect(open.body.results.map((r: { id: string }) => r.id)).not.toContain(stablePointId('ca-test-holidays', 'T1'));
      // The next day it is open again, in the list too.
      vi.setSystemTime(new Date('2026-08-04T14:00:00Z'));
      const next = await request(app)
        .get('/api/service-points/nearest?lon=-79.38&lat=43.65&open_now=true&jurisdiction=ca&limit=5')
        .expect(200);
      expect(next.body.results.map((r: { id: string }) => r.id)).toContain(stablePointId('ca-test-holidays', 'T1'));
    });
  });

  describe('every channel on the point', () => {
    it('answers a point with its government’s online and phone options and its published standard and wait', async () => {
      const id = stablePointId('test-federal', 'F1');
      await t.db.query(
        `INSERT INTO service_standards (target_kind, target_id, jurisdiction_id, text_en, text_fr, target_minutes, origin)
         VALUES ('point', $1, 'ca', 'Served within 20 minutes.', 'Servi en moins de 20 minutes.', 20, 'steward')`,
        [id],
      );
      await t.db.query(
        `INSERT INTO service_performance (target_kind, target_id, jurisdiction_id, wait_minutes, measured_at, valid_until)
         VALUES ('point', $1, 'ca', 12, now() - interval '5 minutes', now() + interval '1 hour')`,
        [id],
      );
      const res = await request(app).get(`/api/service-points/${id}?lang=fr`).expect(200);
      expect(res.body.standard).toMatchObject({ text: 'Servi en moins de 20 minutes.' });
      expect(res.body.performance.wait).toMatchObject({ minutes: 12, is_stale: false });
      const kinds = new Set(res.body.channels.map((c: { kind: string }) => c.kind));
      expect(kinds).toEqual(new Set(['online', 'phone']));
      expect(res.body.channels.every((c: { jurisdiction_id: string }) => c.jurisdiction_id === 'ca')).toBe(true);
      // The list carries the standard and the wait too.
      const near = await request(app).get('/api/service-points/nearest?lon=-66.6431&lat=45.9636&limit=3').expect(200);
      const inList = near.body.results.find((r: { id: string }) => r.id === id);
      expect(inList.performance.wait.minutes).toBe(12);
      expect(inList.standard.text).toBe('Served within 20 minutes.');
    });
  });

  describe('a jurisdiction’s published points whole', () => {
    it('streams CSV and GeoJSON without a box, unlocated points included; JSON pages by cursor', async () => {
      await holidayFeed();
      await hsdsFeed();
      const csv = await request(app).get('/api/service-points?jurisdiction=ca&format=csv').expect(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.headers['content-disposition']).toContain('service-points-ca.csv');
      const lines = csv.text
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\n');
      expect(lines[0]).toMatch(/^id,name,name_en,name_fr,level,jurisdiction_id/);
      expect(lines).toHaveLength(1 + 3 + 3); // header, three test-federal offices, three offices with holidays
      expect(csv.text).toContain('Unlocated federal office');
      const geo = await request(app).get('/api/service-points?jurisdiction=ca&format=geojson').expect(200);
      const body = JSON.parse(geo.text) as {
        type: string;
        features: { geometry: unknown; properties: { name: string } }[];
      };
      expect(body.type).toBe('FeatureCollection');
      expect(body.features).toHaveLength(6);
      expect(body.features.find((f) => f.properties.name === 'Unlocated federal office')?.geometry).toBeNull();
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: request.Response = await request(app)
          .get(`/api/service-points?jurisdiction=ca&limit=4${cursor ? `&cursor=${cursor}` : ''}`)
          .expect(200);
        seen.push(...page.body.results.map((r: { id: string }) => r.id));
        cursor = page.body.next_cursor;
      } while (cursor);
      expect(seen).toHaveLength(6);
      expect([...seen].sort()).toEqual(seen);
      // Another jurisdiction's points never come with it.
      const nb = await request(app).get('/api/service-points?jurisdiction=ca-nb&format=geojson').expect(200);
      // New Brunswick's two test centres and its HSDS office, nothing else.
      const nbFeatures = (JSON.parse(nb.text) as { features: { properties: { jurisdiction_id: string } }[] }).features;
      expect(nbFeatures).toHaveLength(3);
      expect(nbFeatures.every((f) => f.properties.jurisdiction_id === 'ca-nb')).toBe(true);
    });
  });
});
