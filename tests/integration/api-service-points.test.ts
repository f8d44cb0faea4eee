import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAndPublish, stablePointId } from '../../data-loaders/lib/publish-feed.js';
import type { FeedSpec, PointRecord } from '../../data-loaders/lib/point-record.js';
import { PROVINCIAL_FEED, PROVINCIAL_POINTS, publishTinyFeeds, reportFor } from '../fixtures/tiny-feeds.js';
import { testApp } from '../support/test-app.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';

/** Points with hours, made here: one always open, one never open in a regular week, one open only on Sunday nights. */
const HOURS_FEED: FeedSpec = {
  id: 'test-hours',
  jurisdiction_id: 'ca-nb',
  name_en: 'Test hours',
  name_fr: 'Heures d’essai',
  format: 'csv',
  licence: 'Test licence',
};
const everyDay = (opens: string, closes: string) => [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, opens, closes }));
const EVERY_DATE_CLOSED = Array.from({ length: 366 }, (_, i) => {
  const d = new Date(Date.UTC(2024, 0, 1 + i)); // 2024 is a leap year: every MM-DD once
  return { date: d.toISOString().slice(5, 10), closed: true, label_en: 'Renovation', label_fr: 'Rénovation' };
});
const HOURS_POINTS: PointRecord[] = [
  {
    source_id: 'H1',
    name_en: 'Always open centre',
    categories: ['health_card'],
    languages: ['en', 'fr'],
    accessibility: [],
    lon: -66.7,
    lat: 45.97,
    geocode_quality: 'source',
    extra: {},
    province: 'NB',
    hours: { weekly: everyDay('00:00', '24:00') },
  },
  {
    source_id: 'H2',
    name_en: 'Closed-for-renovation centre',
    categories: ['health_card'],
    languages: ['en'],
    accessibility: [],
    lon: -66.64,
    lat: 45.96,
    geocode_quality: 'source',
    extra: {},
    province: 'NB',
    // A regular week, but every date of the year is a closure: known hours, never open.
    hours: { weekly: everyDay('09:00', '17:00'), exceptions: EVERY_DATE_CLOSED, text: 'Closed for renovation' },
  },
];

describe.each(MODES)('service points by id and by bounding box on %s', (mode) => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  const fredericton = 'lon=-66.6431&lat=45.9636';

  beforeAll(async () => {
    t = await openTestDatabase(mode);
    await publishTinyFeeds(t.db);
    await loadAndPublish(t.db, HOURS_FEED, {
      checksum: 'h1',
      sourceName: 'h.csv',
      records: HOURS_POINTS,
      report: reportFor(HOURS_POINTS),
    });
    app = testApp(t.db);
  });
  afterAll(() => t?.cleanup());

  it('GET /api/service-points/{id} answers one published point with its source and licence', async () => {
    const id = stablePointId('test-federal', 'F1');
    const res = await request(app).get(`/api/service-points/${id}`).expect(200);
    expect(res.body).toMatchObject({
      id,
      name: 'Fredericton federal office',
      level: 'federal',
      jurisdiction_id: 'ca',
      categories: ['passport', 'pensions'],
      lon: -66.6431,
      lat: 45.9636,
      open_now: null,
      hours_today: null,
      source: { feed_id: 'test-federal', licence: 'Test licence' },
    });
    expect(res.body.distance_m).toBeUndefined();
    expect(res.headers['etag']).toBeDefined();
    const fr = await request(app).get(`/api/service-points/${id}?lang=fr`).expect(200);
    expect(fr.body.name).toBe('Bureau fédéral de Fredericton');
    const geo = await request(app).get(`/api/service-points/${id}?format=geojson`).expect(200);
    expect(geo.body).toMatchObject({
      type: 'Feature',
      id,
      geometry: { type: 'Point', coordinates: [-66.6431, 45.9636] },
    });
  });

  it('answers an unlocated point too (it has a page, not a map position)', async () => {
    const res = await request(app)
      .get(`/api/service-points/${stablePointId('test-federal', 'F3')}`)
      .expect(200);
    expect(res.body).toMatchObject({ lon: null, lat: null, geocode_quality: 'none' });
  });

  it('is a problem+json 404 for an unknown id or a point no longer published, in the asked language', async () => {
    const missing = await request(app).get('/api/service-points/0000000000000000?lang=fr').expect(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.body).toMatchObject({ status: 404, title: 'Introuvable' });
    // P2 disappears from the next version of its feed: its id must stop answering.
    const next = PROVINCIAL_POINTS.filter((p) => p.source_id !== 'P2');
    await loadAndPublish(t.db, PROVINCIAL_FEED, {
      checksum: 'p2',
      sourceName: 'p.csv',
      records: next,
      report: reportFor(next),
    });
    await request(app)
      .get(`/api/service-points/${stablePointId('test-nb', 'P2')}`)
      .expect(404);
    await request(app)
      .get(`/api/service-points/${stablePointId('test-nb', 'P1')}`)
      .expect(200);
    const bad = await request(app).get('/api/service-points/not%20an%20id!').expect(400);
    expect(bad.body.errors[0].field).toBe('id');
  });

  it('lists points inside a bounding box, paginated in a stable order', async () => {
    const bbox = 'bbox=-67,45.5,-64,46.5';
    const all = await request(app).get(`/api/service-points?${bbox}&limit=100`).expect(200);
    const names = all.body.results.map((r: { name: string }) => r.name).sort();
    expect(names).toEqual([
      'Always open centre',
      'Closed-for-renovation centre',
      'Fredericton federal office',
      'Fredericton provincial centre',
      'Moncton federal office',
    ]);
    expect(all.body.next_offset).toBeNull();
    const first = await request(app).get(`/api/service-points?${bbox}&limit=2`).expect(200);
    expect(first.body.results).toHaveLength(2);
    expect(first.body.next_offset).toBe(2);
    const second = await request(app).get(`/api/service-points?${bbox}&limit=2&offset=2`).expect(200);
    const third = await request(app).get(`/api/service-points?${bbox}&limit=2&offset=4`).expect(200);
    expect(third.body.next_offset).toBeNull();
    const paged = [...first.body.results, ...second.body.results, ...third.body.results].map(
      (r: { id: string }) => r.id,
    );
    expect(new Set(paged).size).toBe(5);
    expect(paged).toEqual(all.body.results.map((r: { id: string }) => r.id));
  });

  it('applies the point filters to the bounding box', async () => {
    const bbox = 'bbox=-67,45.5,-64,46.5';
    const federal = await request(app).get(`/api/service-points?${bbox}&level=federal`).expect(200);
    expect(federal.body.results.map((r: { name: string }) => r.name).sort()).toEqual([
      'Fredericton federal office',
      'Moncton federal office',
    ]);
    const passports = await request(app).get(`/api/service-points?${bbox}&category=passport`).expect(200);
    expect(passports.body.results).toHaveLength(1);
    const wheelchair = await request(app)
      .get(`/api/service-points?${bbox}&accessibility=wheelchair&jurisdiction=ca-nb`)
      .expect(200);
    expect(wheelchair.body.results.map((r: { name: string }) => r.name)).toEqual(['Fredericton provincial centre']);
    // In the box, one point serves in French only and two in English only.
    const inFrench = await request(app).get(`/api/service-points?${bbox}&language=fr`).expect(200);
    expect(inFrench.body.results.map((r: { name: string }) => r.name).sort()).toEqual([
      'Always open centre',
      'Fredericton federal office',
      'Fredericton provincial centre',
    ]);
    const inEnglish = await request(app).get(`/api/service-points?${bbox}&language=en`).expect(200);
    expect(inEnglish.body.results.map((r: { name: string }) => r.name).sort()).toEqual([
      'Always open centre',
      'Closed-for-renovation centre',
      'Fredericton federal office',
      'Moncton federal office',
    ]);
    const csv = await request(app).get(`/api/service-points?${bbox}&format=csv`).expect(200);
    expect(csv.text.startsWith('\uFEFFid,')).toBe(true);
    const geo = await request(app).get(`/api/service-points?${bbox}&format=geojson`).expect(200);
    expect(geo.body.features).toHaveLength(5);
  });

  it('refuses a malformed, inverted or oversized box, naming the parameter; lowers a page too large to the maximum', async () => {
    for (const bbox of ['1,2,3', 'a,b,c,d', '-64,45,-67,46', '-200,45,-64,46', '-140,40,-50,80']) {
      const res = await request(app).get(`/api/service-points?bbox=${bbox}`).expect(400);
      expect(
        res.body.errors.map((e: { field: string }) => e.field),
        bbox,
      ).toEqual(['bbox']);
    }
    const fr = await request(app).get('/api/service-points?bbox=-140,40,-50,80&lang=fr').expect(400);
    expect(fr.body.errors[0].message).toContain('degrés carrés');
    // Neither a box nor a jurisdiction: the error says both ways, in both languages.
    const none = await request(app).get('/api/service-points').expect(400);
    expect(none.body.errors[0]).toMatchObject({ field: 'bbox', message: expect.stringContaining('jurisdiction') });
    const noneFr = await request(app).get('/api/service-points?lang=fr').expect(400);
    expect(noneFr.body.errors[0].message).toContain('administration');
    // As OGC API Features does: an over-large limit is lowered to the maximum, not refused.
    const limit = await request(app).get('/api/service-points?bbox=-67,45.5,-64,46.5&limit=5000').expect(200);
    expect(limit.body.limit).toBe(500);
    await request(app).get('/api/service-points?bbox=-67,45.5,-64,46.5&limit=0').expect(400);
  });

  it('computes open_now and hours_today on the point’s wall clock; unknown hours stay null', async () => {
    const res = await request(app).get(`/api/service-points/nearest?${fredericton}&limit=10`).expect(200);
    const byName = new Map(res.body.results.map((r: { name: string }) => [r.name, r]));
    expect(byName.get('Always open centre')).toMatchObject({
      open_now: true,
      time_zone: 'America/Moncton',
      hours_today: { closed: false, periods: [{ opens: '00:00', closes: '24:00' }], text: '00:00–24:00' },
    });
    // No hours, and no province to take a zone from: unknown, not closed.
    expect(byName.get('Fredericton federal office')).toMatchObject({
      open_now: null,
      hours_today: null,
      time_zone: null,
    });
    expect(byName.get('Closed-for-renovation centre')).toMatchObject({
      open_now: false,
      hours_today: { closed: true, text: 'Closed', exception: { label_en: 'Renovation', label_fr: 'Rénovation' } },
    });
    const fr = await request(app).get(`/api/service-points/nearest?${fredericton}&limit=10&lang=fr`).expect(200);
    const always = fr.body.results.find((r: { name: string }) => r.name === 'Always open centre');
    expect(always.hours_today.text).toBe('0 h à 24 h');
  });

  it('open_now=true keeps only points open now, nearest first, even when the nearest are closed or unknown', async () => {
    const res = await request(app).get(`/api/service-points/nearest?${fredericton}&open_now=true&limit=3`).expect(200);
    expect(res.body.results.map((r: { name: string }) => r.name)).toEqual(['Always open centre']);
    expect(res.body.results.every((r: { open_now: boolean }) => r.open_now === true)).toBe(true);
    const boxed = await request(app).get('/api/service-points?bbox=-67,45.5,-64,46.5&open_now=true').expect(200);
    expect(boxed.body.results.map((r: { name: string }) => r.name)).toEqual(['Always open centre']);
    const bad = await request(app).get(`/api/service-points/nearest?${fredericton}&open_now=maybe`).expect(400);
    expect(bad.body.errors[0].field).toBe('open_now');
  });

  it('checks every filter of the contract on nearest', async () => {
    const bad = await request(app)
      .get(
        `/api/service-points/nearest?${fredericton}&jurisdiction=NB!&category=a%20b&language=english&accessibility=x!&max_distance_km=-1`,
      )
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'accessibility',
      'category',
      'jurisdiction',
      'language',
      'max_distance_km',
    ]);
  });
});
