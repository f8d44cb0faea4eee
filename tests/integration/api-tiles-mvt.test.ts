import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderTile } from '../../server/tiles/render-tile.js';
import {
  insertUnits,
  LON,
  publishFixtureFeeds,
  publishProvincial,
  PROV_POINTS_V1,
  PROV_POINTS_V2,
  unitsMayBeUnlocated,
  type FixtureUnit,
} from '../fixtures/analysis-fixture.js';
import { testApp } from '../support/test-app.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';

/** The tile x/y holding a lon/lat at zoom z (web mercator). */
function tileOf(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const sin = Math.sin((lat * Math.PI) / 180);
  return [Math.floor(((lon + 180) / 360) * n), Math.floor((0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * n)];
}

function binary(res: request.Response, cb: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

function decode(body: Buffer, layer: string) {
  const tile = new VectorTile(new Pbf(body) as unknown as ConstructorParameters<typeof VectorTile>[0]);
  const l = tile.layers[layer];
  if (!l) return [];
  return Array.from({ length: l.length }, (_, i) => {
    const f = l.feature(i);
    return { type: f.type, properties: f.properties, geometry: f.loadGeometry() };
  });
}

describe.each(MODES)('vector tiles on %s', (mode) => {
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

  const get = (url: string) => request(app).get(url).buffer(true).parse(binary);

  it('serves the service points as a Mapbox Vector Tile that decodes to the published points', async () => {
    // Each test sets the provincial version it describes, so any test can run alone or in any order.
    await publishProvincial(t.db, PROV_POINTS_V1);
    const [x, y] = tileOf(LON, 45.5, 14);
    // F1 (45.0) and P1 (46.0) share a zoom-6 tile but are too far apart there to cluster.
    const [x8, y8] = tileOf(LON, 45.5, 6);
    const res = await get(`/tiles/service_points/6/${x8}/${y8}.mvt`).expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
    expect(res.headers['cache-control']).toContain('max-age');
    expect(res.headers['etag']).toBeDefined();
    const features = decode(res.body as Buffer, 'service_points');
    expect(features.map((f) => f.properties['name']).sort()).toEqual(['Federal office one', 'Provincial centre one']);
    expect(features.every((f) => f.type === 1)).toBe(true);
    expect(features.find((f) => f.properties['name'] === 'Federal office one')?.properties).toMatchObject({
      level: 'federal',
      jurisdiction_id: 'ca',
      categories: 'passport',
    });
    // Nothing at a tile far away.
    const empty = await get(`/tiles/service_points/14/${x}/${y}.mvt`).expect(200);
    expect(decode(empty.body as Buffer, 'service_points')).toEqual([]);
    const again = await request(app)
      .get(`/tiles/service_points/6/${x8}/${y8}.mvt`)
      .set('If-None-Match', res.headers['etag']!);
    expect(again.status).toBe(304);
  });

  it('clusters points at national zooms so the country fits in a small tile', async () => {
    const [x8, y8] = tileOf(LON, 45.5, 6);
    await publishProvincial(t.db, PROV_POINTS_V1);
    const before = await get(`/tiles/service_points/6/${x8}/${y8}.mvt`).expect(200);
    await publishProvincial(t.db, PROV_POINTS_V2);
    const res = await get('/tiles/service_points/0/0/0.mvt').expect(200);
    const features = decode(res.body as Buffer, 'service_points');
    const counted = features.reduce(
      (s, f) => s + (typeof f.properties['point_count'] === 'number' ? (f.properties['point_count'] as number) : 1),
      0,
    );
    expect(counted).toBe(3);
    expect(features.length).toBeLessThan(3);
    expect(features.some((f) => f.properties['cluster'] === true)).toBe(true);
    // The tile changed with the publish: its ETag too, so a client holding the old one gets the new tile.
    const after = await get(`/tiles/service_points/6/${x8}/${y8}.mvt`).expect(200);
    expect(decode(after.body as Buffer, 'service_points').length).toBeGreaterThanOrEqual(2);
    expect(after.headers['etag']).toBeDefined();
    expect(after.headers['etag']).not.toBe(before.headers['etag']);
    await get(`/tiles/service_points/6/${x8}/${y8}.mvt`).set('If-None-Match', before.headers['etag']!).expect(200);
  });

  it('serves population units: points with population and distance at low zoom, polygons when zoomed in', async () => {
    await publishProvincial(t.db, PROV_POINTS_V2);
    const low = await get('/tiles/population_units/2/1/1.mvt').expect(200);
    const points = decode(low.body as Buffer, 'population_units');
    const located = units.filter((u) => u.lat !== null);
    expect(points.map((f) => f.properties['id']).sort()).toEqual(located.map((u) => u.id).sort());
    expect(points.find((f) => f.properties['id'] === 'U2')?.properties).toMatchObject({
      population: 2000,
      name: 'Unit two',
    });
    expect(points.find((f) => f.properties['id'] === 'U2')?.properties['distance_m']).toBeGreaterThan(50_000);
    const [x, y] = tileOf(LON, 45.5, 10);
    const high = await get(`/tiles/population_units/10/${x}/${y}.mvt`).expect(200);
    const shapes = decode(high.body as Buffer, 'population_units');
    expect(shapes.map((f) => f.properties['id'])).toEqual(['U2']);
    expect(shapes[0]?.type).toBe(3);
  });

  it('refuses bad tile addresses and unknown layers', async () => {
    for (const [url, field] of [
      ['/tiles/service_points/3/8/0.mvt', 'x'],
      ['/tiles/service_points/3/0/8.mvt', 'y'],
      ['/tiles/service_points/99/0/0.mvt', 'z'],
      ['/tiles/service_points/-1/0/0.mvt', 'z'],
      ['/tiles/service_points/1/0/abc.mvt', 'y'],
      ['/tiles/service_points/1/0/0.png', 'y'],
      ['/tiles/roads/1/0/0.mvt', 'layer'],
      ['/tiles/service_points/1/0/0.mvt?engine=gpu', 'engine'],
    ] as const) {
      const res = await request(app).get(url).expect(400);
      expect(res.headers['content-type'], url).toContain('application/problem+json');
      expect(
        res.body.errors.map((e: { field: string }) => e.field),
        url,
      ).toContain(field);
    }
  });

  it('cuts the same features with ST_AsMVT in server mode (and refuses it in embedded mode)', async () => {
    await publishProvincial(t.db, PROV_POINTS_V2);
    const [x8, y8] = tileOf(LON, 45.5, 6);
    if (mode === 'pglite') {
      const res = await request(app).get(`/tiles/service_points/6/${x8}/${y8}.mvt?engine=postgis`).expect(400);
      expect(res.body.errors[0].field).toBe('engine');
      return;
    }
    const node = await renderTile(t.db, 'service_points', 14, ...tileOf(LON, 45.0, 14), 'node');
    const pg = await renderTile(t.db, 'service_points', 14, ...tileOf(LON, 45.0, 14), 'postgis');
    const names = (data: Uint8Array) =>
      decode(Buffer.from(data), 'service_points')
        .map((f) => f.properties['name'])
        .sort();
    expect(names(pg.data)).toEqual(names(node.data));
    expect(names(pg.data)).toEqual(['Federal office one', 'Provincial centre two']);
    const units = await get(`/tiles/population_units/10/${tileOf(LON, 45.5, 10).join('/')}.mvt?engine=postgis`).expect(
      200,
    );
    expect(decode(units.body as Buffer, 'population_units').map((f) => f.properties['id'])).toEqual(['U2']);
    const national = await get('/tiles/service_points/0/0/0.mvt?engine=postgis').expect(200);
    const f = decode(national.body as Buffer, 'service_points');
    expect(f.reduce((s, x) => s + ((x.properties['point_count'] as number | undefined) ?? 1), 0)).toBe(3);
  });
});
