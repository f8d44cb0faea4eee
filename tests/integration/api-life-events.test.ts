import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAndPublish } from '../../data-loaders/lib/publish-feed.js';
import { insertMunicipalJurisdiction } from '../../server/queries/insert-municipal-jurisdiction.js';
import type { FeedSpec, PointRecord } from '../../data-loaders/lib/point-record.js';
import { publishTinyFeeds, reportFor } from '../fixtures/tiny-feeds.js';
import { testApp } from '../support/test-app.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';
import { messages } from '../../server/http/messages.js';

/** A municipal office made here, so one service is offered by two orders of government. */
const CITY_FEED: FeedSpec = {
  id: 'test-city',
  jurisdiction_id: 'ca-nb-moncton',
  name_en: 'Test city hall',
  name_fr: 'Hôtel de ville d’essai',
  format: 'csv',
  licence: 'Test licence',
};
const CITY_POINTS: PointRecord[] = [
  {
    source_id: 'C1',
    name_en: 'Moncton city service desk',
    categories: ['photo_id_card', 'drivers_licence'],
    languages: ['en'],
    accessibility: [],
    lon: -64.78,
    lat: 46.09,
    geocode_quality: 'source',
    extra: {},
  },
];

interface Need {
  category: { code: string; usual_levels: string[] };
  category_name: string;
  nearest: { name: string; level: string; distance_m: number }[];
  missing_levels: string[];
}

describe.each(MODES)('categories and life events on %s', (mode) => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;

  beforeAll(async () => {
    t = await openTestDatabase(mode);
    await publishTinyFeeds(t.db);
    await insertMunicipalJurisdiction(t.db, { id: 'ca-nb-moncton', nameEn: 'Moncton', nameFr: 'Moncton' });
    await loadAndPublish(t.db, CITY_FEED, {
      checksum: 'c1',
      sourceName: 'c.csv',
      records: CITY_POINTS,
      report: reportFor(CITY_POINTS),
    });
    app = testApp(t.db);
  });
  afterAll(() => t?.cleanup());

  it('GET /api/categories lists the bilingual taxonomy with the codes the loaders use', async () => {
    const res = await request(app).get('/api/categories').expect(200);
    const codes = res.body.results.map((c: { code: string }) => c.code);
    for (const code of [
      'passport',
      'employment_insurance',
      'pensions',
      'social_insurance_number',
      'drivers_licence',
      'health_card',
      'vital_statistics',
      'business_registration',
      'hunting_fishing_licence',
      'pleasure_craft_licence',
      'employment_services',
      'vehicle_registration',
      'photo_id_card',
      'land_registry',
      'child_benefits',
    ]) {
      expect(codes, code).toContain(code);
    }
    const passport = res.body.results.find((c: { code: string }) => c.code === 'passport');
    expect(passport).toMatchObject({
      name: 'Passports',
      name_fr: 'Passeports',
      usual_levels: ['federal'],
      published_points: 1,
    });
    const fr = await request(app).get('/api/categories?lang=fr').expect(200);
    expect(fr.body.results.find((c: { code: string }) => c.code === 'health_card').name).toBe('Carte santé');
    const viaHeader = await request(app).get('/api/categories').set('Accept-Language', 'fr-CA,fr;q=0.9').expect(200);
    expect(viaHeader.body.results[0].name).toBe(fr.body.results[0].name);
    expect(res.headers['etag']).toBeDefined();
    const csv = await request(app).get('/api/categories?format=csv').expect(200);
    expect(csv.text.startsWith('\uFEFFcode,')).toBe(true);
  });

  it('GET /api/life-events lists events with their categories, in either language', async () => {
    const res = await request(app).get('/api/life-events?lang=fr').expect(200);
    const codes = res.body.results.map((e: { code: string }) => e.code);
    expect(codes).toEqual(
      expect.arrayContaining(['lost_wallet', 'having_baby', 'moving', 'turning_65', 'starting_business', 'losing_job']),
    );
    const wallet = res.body.results.find((e: { code: string }) => e.code === 'lost_wallet');
    expect(wallet.name).toBe('J’ai perdu mon portefeuille');
    expect(wallet.categories.map((c: { code: string }) => c.code)).toEqual(
      expect.arrayContaining(['drivers_licence', 'health_card', 'social_insurance_number', 'passport']),
    );
    // Every life event spans more than one order of government.
    for (const e of res.body.results as { code: string; categories: { usual_levels: string[] }[] }[]) {
      expect(new Set(e.categories.flatMap((c) => c.usual_levels)).size, e.code).toBeGreaterThan(1);
    }
    const one = await request(app).get('/api/life-events/turning_65').expect(200);
    expect(one.body).toMatchObject({ code: 'turning_65', name: 'Turning 65' });
    await request(app).get('/api/life-events/winning_lottery').expect(404);
  });

  it('GET /api/life-events/{code}/nearest answers, per service, the nearest point of each order of government', async () => {
    const res = await request(app).get('/api/life-events/lost_wallet/nearest?lon=-66.6431&lat=45.9636').expect(200);
    expect(res.body).toMatchObject({ life_event: { code: 'lost_wallet' }, distance_kind: 'straight_line' });
    const needs = new Map((res.body.results as Need[]).map((n) => [n.category.code, n]));
    // Driver's licence: provincial (Fredericton, near) and municipal (Moncton, far), nearest first.
    const licence = needs.get('drivers_licence');
    expect(licence?.nearest.map((p) => [p.name, p.level])).toEqual([
      ['Fredericton provincial centre', 'provincial'],
      ['Moncton city service desk', 'municipal'],
    ]);
    expect(licence?.nearest[1]?.distance_m).toBeGreaterThan(100_000);
    // Photo ID: only the city offers it here; the province and territories usually do.
    expect(needs.get('photo_id_card')).toMatchObject({
      nearest: [{ level: 'municipal' }],
      missing_levels: ['provincial', 'territorial'],
    });
    // Passport: only the federal office offers it.
    expect(needs.get('passport')?.nearest.map((p) => [p.name, p.level])).toEqual([
      ['Fredericton federal office', 'federal'],
    ]);
    // Health card: the nearest provincial point, and "territorial" usually offers it but none is loaded.
    const health = needs.get('health_card');
    expect(health?.nearest).toHaveLength(1);
    expect(health?.missing_levels).toEqual(['territorial']);
    // A service nobody offers here is listed, empty, with the governments that usually offer it.
    expect(needs.get('vital_statistics')).toMatchObject({ nearest: [], missing_levels: ['provincial', 'territorial'] });
    // Every service of the event appears once, in the event's order.
    const event = await request(app).get('/api/life-events/lost_wallet').expect(200);
    expect((res.body.results as Need[]).map((n) => n.category.code)).toEqual(
      event.body.categories.map((c: { code: string }) => c.code),
    );
  });

  it('filters life-event results by language and order of government, and exports flat rows', async () => {
    const fr = await request(app)
      .get('/api/life-events/lost_wallet/nearest?lon=-66.6431&lat=45.9636&language=fr')
      .expect(200);
    const licence = (fr.body.results as Need[]).find((n) => n.category.code === 'drivers_licence');
    expect(licence?.nearest.map((p) => p.name)).toEqual(['Fredericton provincial centre']);
    const federal = await request(app)
      .get('/api/life-events/lost_wallet/nearest?lon=-66.6431&lat=45.9636&level=federal')
      .expect(200);
    expect((federal.body.results as Need[]).flatMap((n) => n.nearest.map((p) => p.level))).toEqual(['federal']);
    const csv = await request(app)
      .get('/api/life-events/lost_wallet/nearest?lon=-66.6431&lat=45.9636&format=csv')
      .expect(200);
    expect(csv.text.startsWith('\uFEFFcategory_code,category_name,id')).toBe(true);
    const geo = await request(app)
      .get('/api/life-events/lost_wallet/nearest?lon=-66.6431&lat=45.9636&format=geojson')
      .expect(200);
    expect(geo.body.features.length).toBeGreaterThan(2);
  });

  it('gives 400s naming the bad parameter and 404 for an unknown event', async () => {
    const bad = await request(app).get('/api/life-events/lost_wallet/nearest?lon=500&level=galactic').expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['lat', 'level', 'lon']);
    const missing = await request(app).get('/api/life-events/no_such_event/nearest?lon=-66&lat=45&lang=fr').expect(404);
    // The unknown event's own message, in French as asked (its wording lives in the catalogue).
    expect(missing.body.detail).toBe(messages.life_event_not_found.fr);
    expect(missing.body.detail).not.toBe(messages.life_event_not_found.en);
    await request(app).get('/api/life-events/bad%20code!/nearest?lon=-66&lat=45').expect(400);
  });
});
