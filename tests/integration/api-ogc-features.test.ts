import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  insertUnits,
  LON,
  publishFixtureFeeds,
  unitsMayBeUnlocated,
  type FixtureUnit,
} from '../fixtures/analysis-fixture.js';
import { testApp } from '../support/test-app.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';

describe.each(MODES)('OGC API - Features on %s', (mode) => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  let units: FixtureUnit[];
  beforeAll(async () => {
    t = await openTestDatabase(mode);
    units = await insertUnits(t.db, await unitsMayBeUnlocated(t.db));
    await publishFixtureFeeds(t.db);
    app = testApp(t.db);
  });
  afterAll(() => t?.cleanup());

  it('has a landing page, conformance classes and two collections with their extents', async () => {
    const landing = await request(app).get('/ogc').expect(200);
    const rels = landing.body.links.map((l: { rel: string }) => l.rel);
    expect(rels).toEqual(expect.arrayContaining(['self', 'service-desc', 'conformance', 'data']));
    const conf = await request(app).get('/ogc/conformance').expect(200);
    expect(conf.body.conformsTo).toContain('http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core');
    expect(conf.body.conformsTo).toContain('http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson');
    const cols = await request(app).get('/ogc/collections').expect(200);
    expect(cols.body.collections.map((c: { id: string }) => c.id)).toEqual(['service_points', 'population_units']);
    const sp = await request(app).get('/ogc/collections/service_points?lang=fr').expect(200);
    expect(sp.body).toMatchObject({ id: 'service_points', title: 'Points de service', itemType: 'feature' });
    // Published, located points: F1 at 45.0 and P1 at 46.0 on the fixture meridian.
    expect(sp.body.extent.spatial.bbox[0]).toEqual([LON, 45, LON, 46]);
    expect(sp.body.links.find((l: { rel: string }) => l.rel === 'items').type).toBe('application/geo+json');
    expect(sp.headers['etag']).toBeDefined();
  });

  it('pages items with numberMatched, numberReturned and next/prev links', async () => {
    const all = await request(app).get('/ogc/collections/service_points/items').expect(200);
    expect(all.headers['content-type']).toContain('application/geo+json');
    // Three published points, one of them without a location (geometry null).
    expect(all.body).toMatchObject({ type: 'FeatureCollection', numberMatched: 3, numberReturned: 3 });
    expect(all.body.features.filter((f: { geometry: unknown }) => f.geometry === null)).toHaveLength(1);

    const first = await request(app).get('/ogc/collections/population_units/items?limit=2').expect(200);
    expect(first.body).toMatchObject({ numberMatched: units.length, numberReturned: 2 });
    const next = first.body.links.find((l: { rel: string }) => l.rel === 'next');
    expect(next.href).toContain('offset=2');
    expect(first.body.links.find((l: { rel: string }) => l.rel === 'prev')).toBeUndefined();
    const second = await request(app)
      .get(new URL(next.href).pathname + new URL(next.href).search)
      .expect(200);
    expect(second.body.features.map((f: { id: string }) => f.id)).toEqual(
      [...units]
        .map((u) => u.id)
        .sort()
        .slice(2, 4),
    );
    expect(second.body.links.find((l: { rel: string }) => l.rel === 'prev').href).toContain('offset=0');
    const u2 = [...first.body.features, ...second.body.features].find((f: { id: string }) => f.id === 'U2');
    expect(u2, 'unit U2 is on one of the first two pages').toBeDefined();
    expect(u2.geometry.type).toBe('MultiPolygon');

    const beyond = await request(app).get('/ogc/collections/population_units/items?offset=100').expect(200);
    expect(beyond.body).toMatchObject({ numberMatched: units.length, numberReturned: 0, features: [] });
    // A limit above the server's page size is served as the page size, not refused.
    await request(app).get('/ogc/collections/population_units/items?limit=5000').expect(200);
  });

  it('filters items by bbox', async () => {
    const res = await request(app)
      .get(`/ogc/collections/population_units/items?bbox=${LON - 1},45.3,${LON + 1},46.5`)
      .expect(200);
    expect(res.body.features.map((f: { id: string }) => f.id).sort()).toEqual(['U2', 'U3']);
    const u2 = res.body.features.find((f: { id: string }) => f.id === 'U2');
    expect(u2.properties).toMatchObject({ name: 'Unit two', population: 2000, distance_kind: 'straight_line' });
    const pts = await request(app)
      .get(`/ogc/collections/service_points/items?bbox=${LON - 1},44.5,${LON + 1},45.5`)
      .expect(200);
    expect(pts.body.features.map((f: { properties: { name: string } }) => f.properties.name)).toEqual([
      'Federal office one',
    ]);
    expect(pts.body.features[0].geometry).toEqual({ type: 'Point', coordinates: [LON, 45] });
  });

  it('returns one feature by id, and 404 for an unknown feature or collection', async () => {
    const res = await request(app).get('/ogc/collections/population_units/items/U3').expect(200);
    expect(res.body).toMatchObject({ type: 'Feature', id: 'U3', properties: { name: 'Unit three' } });
    expect(res.body.links.map((l: { rel: string }) => l.rel)).toEqual(['self', 'collection']);
    const list = await request(app).get('/ogc/collections/service_points/items?limit=1').expect(200);
    const id = list.body.features[0].id;
    await request(app).get(`/ogc/collections/service_points/items/${id}`).expect(200);
    const missing = await request(app).get('/ogc/collections/service_points/items/nope').expect(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    await request(app).get('/ogc/collections/roads').expect(404);
    await request(app).get('/ogc/collections/roads/items').expect(404);
  });

  it('refuses bad parameters with a 400 naming each one', async () => {
    for (const [url, field] of [
      ['/ogc/collections/service_points/items?bbox=1,2,3', 'bbox'],
      ['/ogc/collections/service_points/items?bbox=10,0,0,5', 'bbox'],
      ['/ogc/collections/service_points/items?bbox=a,b,c,d', 'bbox'],
      ['/ogc/collections/service_points/items?limit=0', 'limit'],
      ['/ogc/collections/service_points/items?limit=20000', 'limit'],
      ['/ogc/collections/service_points/items?offset=-1', 'offset'],
      ['/ogc/collections/service_points/items?f=html', 'f'],
    ] as const) {
      const res = await request(app).get(url).expect(400);
      expect(
        res.body.errors.map((e: { field: string }) => e.field),
        url,
      ).toContain(field);
    }
  });
});
