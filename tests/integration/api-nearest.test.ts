import { distance } from '@turf/distance';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishTinyFeeds } from '../fixtures/tiny-feeds.js';
import { testApp } from '../support/test-app.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';

describe.each(MODES)('health and nearest on %s', (mode) => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  beforeAll(async () => {
    t = await openTestDatabase(mode);
    await publishTinyFeeds(t.db);
    app = testApp(t.db);
  });
  afterAll(() => t?.cleanup());

  it('GET /api/health answers ok', async () => {
    const res = await request(app).get('/api/health').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('GET /api/ready names the storage mode and the migration count', async () => {
    const res = await request(app).get('/api/ready').expect(200);
    expect(res.body).toMatchObject({ status: 'ready', database: mode });
    expect(res.body.migrations).toBeGreaterThanOrEqual(3);
  });

  it('returns the nearest located points, nearest first, with great-circle distances', async () => {
    const res = await request(app).get('/api/service-points/nearest?lon=-66.6431&lat=45.9636&limit=10').expect(200);
    const names = res.body.results.map((r: { name: string }) => r.name);
    expect(names).toEqual([
      'Fredericton federal office',
      'Fredericton provincial centre',
      'Saint John provincial centre',
      'Moncton federal office',
    ]);
    const [first, second] = res.body.results;
    expect(first.distance_m).toBeLessThan(1);
    // Independent great-circle figure (haversine, Turf) agrees within 0.5 %.
    const expected = distance([-66.6431, 45.9636], [-66.65, 45.95], { units: 'meters' });
    expect(Math.abs(second.distance_m - expected) / expected).toBeLessThan(0.005);
    expect(first).toMatchObject({
      level: 'federal',
      jurisdiction_id: 'ca',
      jurisdiction_name: 'Government of Canada',
      geocode_quality: 'source',
      source: { feed_id: 'test-federal', feed_name: 'Test federal offices', licence: 'Test licence' },
    });
    expect(res.body.distance_kind).toBe('straight_line');
    expect(res.headers['etag']).toBeDefined();
    expect(res.headers['cache-control']).toContain('max-age');
  });

  it('has no hard radius: the nearest are returned however far away', async () => {
    const res = await request(app).get('/api/service-points/nearest?lon=-123.1&lat=49.25&limit=1').expect(200);
    expect(res.body.results).toHaveLength(1);
    expect(res.body.results[0].distance_m).toBeGreaterThan(4_000_000);
  });

  it('filters by order of government, category, language, accessibility and distance', async () => {
    const at = 'lon=-66.6431&lat=45.9636';
    const byLevel = await request(app).get(`/api/service-points/nearest?${at}&level=provincial`).expect(200);
    expect(byLevel.body.results.map((r: { name: string; level: string }) => [r.name, r.level])).toEqual([
      ['Fredericton provincial centre', 'provincial'],
      ['Saint John provincial centre', 'provincial'],
    ]);
    const byCategory = await request(app).get(`/api/service-points/nearest?${at}&category=pensions`).expect(200);
    expect(byCategory.body.results.map((r: { name: string }) => r.name)).toEqual([
      'Fredericton federal office',
      'Moncton federal office',
    ]);
    // The fixture's Moncton office serves in English only and the Fredericton provincial
    // centre in French only, so each language filter leaves out exactly one of them.
    const inFrench = await request(app).get(`/api/service-points/nearest?${at}&language=fr`).expect(200);
    expect(inFrench.body.results.map((r: { name: string }) => r.name)).toEqual([
      'Fredericton federal office',
      'Fredericton provincial centre',
      'Saint John provincial centre',
    ]);
    const inEnglish = await request(app).get(`/api/service-points/nearest?${at}&language=en`).expect(200);
    expect(inEnglish.body.results.map((r: { name: string }) => r.name)).toEqual([
      'Fredericton federal office',
      'Saint John provincial centre',
      'Moncton federal office',
    ]);
    const byAccess = await request(app).get(`/api/service-points/nearest?${at}&accessibility=wheelchair`).expect(200);
    expect(byAccess.body.results.map((r: { name: string }) => r.name)).toEqual(['Fredericton provincial centre']);
    const within = await request(app).get(`/api/service-points/nearest?${at}&max_distance_km=5`).expect(200);
    expect(within.body.results).toHaveLength(2);
    const byJurisdiction = await request(app).get(`/api/service-points/nearest?${at}&jurisdiction=ca-nb`).expect(200);
    expect(
      byJurisdiction.body.results.map((r: { name: string; jurisdiction_id: string }) => [r.name, r.jurisdiction_id]),
    ).toEqual([
      ['Fredericton provincial centre', 'ca-nb'],
      ['Saint John provincial centre', 'ca-nb'],
    ]);
  });

  it('answers in French when asked', async () => {
    const res = await request(app)
      .get('/api/service-points/nearest?lon=-66.6431&lat=45.9636&limit=1&lang=fr')
      .expect(200);
    expect(res.body.results[0].name).toBe('Bureau fédéral de Fredericton');
    expect(res.body.results[0].jurisdiction_name).toBe('Gouvernement du Canada');
  });

  it('gives a 400 problem+json naming each bad parameter, in the requested language', async () => {
    const res = await request(app).get('/api/service-points/nearest?lon=abc&lat=95&level=galactic').expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 400, title: 'Bad request' });
    const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['lat', 'level', 'lon']);
    const fr = await request(app).get('/api/service-points/nearest?lat=45&lang=fr').expect(400);
    expect(fr.body.title).toBe('Requête invalide');
    expect(fr.body.errors).toEqual([
      expect.objectContaining({ field: 'lon', message: 'Ce paramètre est obligatoire.' }),
    ]);
    // An over-large limit is lowered to the maximum (100), as OGC API Features does.
    const big = await request(app).get('/api/service-points/nearest?lon=-66&lat=45&limit=5000').expect(200);
    expect(big.body.results.length).toBeLessThanOrEqual(100);
    const zero = await request(app).get('/api/service-points/nearest?lon=-66&lat=45&limit=0').expect(400);
    expect(zero.body.errors[0].field).toBe('limit');
  });

  it('exports CSV with a BOM and GeoJSON', async () => {
    const csv = await request(app).get('/api/service-points/nearest?lon=-66.6431&lat=45.9636&format=csv').expect(200);
    expect(csv.text.startsWith('\uFEFFid,')).toBe(true);
    const geo = await request(app)
      .get('/api/service-points/nearest?lon=-66.6431&lat=45.9636&format=geojson')
      .expect(200);
    expect(geo.body.type).toBe('FeatureCollection');
    expect(geo.body.features[0].geometry).toEqual({ type: 'Point', coordinates: [-66.6431, 45.9636] });
  });

  it('unknown API paths are problem+json 404s', async () => {
    const res = await request(app).get('/api/nothing-here').expect(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
