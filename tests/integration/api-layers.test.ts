import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyRequest } from '../../db/query-class.js';
import {
  insertUnits,
  LON,
  meridianM,
  publishFixtureFeeds,
  publishProvincial,
  PROV_POINTS_V2,
  unitsMayBeUnlocated,
} from '../fixtures/analysis-fixture.js';
import { testApp } from '../support/test-app.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';

const IDS = [
  'cwb',
  'community_type',
  'population_density',
  'remoteness',
  'distance_to_service',
  'indigenous_communities',
  'gaps',
  'colocation',
  'single_order',
  'suggested_sites',
];

interface Layer {
  id: string;
  kind: string;
  title_en: string;
  title_fr: string;
  source: Record<string, string>;
  legend: { value: string; label_en: string; label_fr: string; color: string; min?: number; max?: number }[];
  tiles: string;
  source_layer: string;
  property: string;
  table: string;
}

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
    return { type: f.type, properties: f.properties };
  });
}

describe.each(MODES)('the atlas of layers on %s', (mode) => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  let layers: Map<string, Layer>;
  beforeAll(async () => {
    t = await openTestDatabase(mode);
    await insertUnits(t.db, await unitsMayBeUnlocated(t.db));
    await publishFixtureFeeds(t.db);
    await publishProvincial(t.db, PROV_POINTS_V2);
    app = testApp(t.db);
    layers = new Map(
      ((await request(app).get('/api/layers').expect(200)).body.layers as Layer[]).map((l) => [l.id, l]),
    );
  });
  afterAll(() => t?.cleanup());

  /** Fetches a layer's tile (its URL from /api/layers, with the given query) and decodes its features. */
  async function tile(id: string, z: number, lat: number, query = '') {
    const [x, y] = tileOf(LON, lat, z);
    const url = `/tiles/${id}/${z}/${x}/${y}.mvt${query}`;
    const res = await request(app).get(url).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
    const features = decode(res.body as Buffer, layers.get(id)!.source_layer);
    // Every feature's class is one of the legend's.
    const values = layers.get(id)!.legend.map((c) => c.value);
    for (const f of features)
      expect(values, `${id} ${JSON.stringify(f.properties)}`).toContain(f.properties[layers.get(id)!.property]);
    return features;
  }
  const byId = <F extends { properties: Record<string, unknown> }>(features: F[]) =>
    new Map(features.map((f) => [f.properties['id'], f]));

  it('lists every layer with bilingual titles, a source with licence, a legend and its tiles and table', async () => {
    expect([...layers.keys()]).toEqual(IDS);
    for (const l of layers.values()) {
      expect(l.title_en, l.id).toBeTruthy();
      expect(l.title_fr, l.id).not.toBe(l.title_en);
      expect(['choropleth', 'points']).toContain(l.kind);
      expect(l.source.licence, l.id).toBeTruthy();
      expect(l.source.attribution_fr, l.id).toBeTruthy();
      expect(l.legend.length, l.id).toBeGreaterThan(0);
      for (const c of l.legend) {
        expect(c.color, `${l.id} ${c.value}`).toMatch(/^#[0-9a-f]{6}$/i);
        expect(c.label_fr, `${l.id} ${c.value}`).toBeTruthy();
      }
      expect(new Set(l.legend.map((c) => c.value)).size, l.id).toBe(l.legend.length);
      expect(l.tiles).toBe(`/tiles/${l.id}/{z}/{x}/{y}.mvt`);
      expect(l.source_layer).toBe(l.id);
      expect(l.table).toBe(`/api/layers/${l.id}/features`);
    }
    expect(layers.get('cwb')?.legend.at(-1)).toMatchObject({ value: 'none', label_en: 'No score published' });
    expect(layers.get('cwb')).toMatchObject({ shapes_from_zoom: 5, follows: ['province'] });
    expect(layers.get('colocation')).toMatchObject({
      shapes_from_zoom: null,
      follows: expect.arrayContaining(['max_m', 'level']),
    });
    expect(layers.get('community_type')?.legend.map((c) => c.value)).toEqual([
      'first_nations',
      'inuit',
      'non_indigenous',
      'unknown',
    ]);
  });

  it('carries the current filters into the tile and table URLs of the layers that follow them, and only those', async () => {
    const res = await request(app)
      .get('/api/layers?level=provincial,federal&province=on&threshold_km=25&max_m=200&k=3')
      .expect(200);
    const l = new Map((res.body.layers as Layer[]).map((x) => [x.id, x]));
    expect(l.get('cwb')?.tiles).toBe('/tiles/cwb/{z}/{x}/{y}.mvt?province=ON');
    expect(l.get('distance_to_service')?.tiles).toBe(
      '/tiles/distance_to_service/{z}/{x}/{y}.mvt?province=ON&level=federal,provincial',
    );
    expect(l.get('gaps')?.table).toBe('/api/layers/gaps/features?threshold_km=25&province=ON&level=federal,provincial');
    expect(l.get('colocation')?.tiles).toBe(
      '/tiles/colocation/{z}/{x}/{y}.mvt?max_m=200&province=ON&level=federal,provincial',
    );
    expect(l.get('suggested_sites')?.tiles).toContain('k=3');
    const bad = await request(app).get('/api/layers?level=imperial').expect(400);
    expect(bad.body.errors[0].field).toBe('level');
  });

  it('cuts census layers as polygons when zoomed in and as points at national zooms, classed by the legend', async () => {
    const shapes = byId(await tile('cwb', 10, 45.5));
    expect([...shapes.keys()]).toEqual(['U2']);
    expect(shapes.get('U2')).toMatchObject({ type: 3, properties: { cwb: 50, cwb_class: '50_60', name: 'Unit two' } });
    const national = byId(await tile('cwb', 2, 45.5));
    expect(national.get('U3')?.properties['cwb_class']).toBe('none');
    expect(national.get('U4')?.properties['cwb_class']).toBe('ge80');
    expect(national.get('U4')?.type).toBe(1);
    const types = byId(await tile('community_type', 2, 45.5));
    expect(types.get('U1')?.properties['community_type']).toBe('non_indigenous');
    expect(types.get('U2')?.properties['community_type']).toBe('first_nations');
    expect(types.get('U3')?.properties['community_type']).toBe('unknown');
    // 2,000 people on a 0.02° square at 45.5° N: about 2000 / (2.22 km × 1.56 km).
    const density = byId(await tile('population_density', 10, 45.5)).get('U2')?.properties;
    expect(density?.['density_per_km2']).toBeGreaterThan(500);
    expect(density?.['density_per_km2']).toBeLessThan(650);
    expect(density?.['density_class']).toBe('100_1000');
    const indigenous = await tile('indigenous_communities', 2, 45.5);
    expect(indigenous.map((f) => f.properties['id'])).toEqual(['U2']);
    expect(indigenous[0]?.type).toBe(1);
    // Remoteness, relative to the fixture's units: U3 (3,000 people, the biggest centre) is the least remote.
    const remote = byId(await tile('remoteness', 2, 45.5));
    expect(remote.get('U3')?.properties['remoteness_index']).toBe(0);
    expect(remote.get('U4')?.properties['remoteness_class']).toBe('very_remote');
    // The province filter narrows every census layer.
    expect(await tile('cwb', 2, 45.5, '?province=NL')).toHaveLength(1);
  });

  it('draws the distance to the nearest point under the filters, and the findings layers', async () => {
    const fed = byId(await tile('distance_to_service', 2, 45.5, '?level=federal')).get('U3')?.properties;
    expect(fed?.['distance_km']).toBeCloseTo(meridianM(46.2, 45.0) / 1000, 1);
    expect(fed?.['distance_class']).toBe('ge100');
    expect(fed?.['nearest_point_precision']).toBe('source');
    const prov = byId(await tile('distance_to_service', 2, 45.5, '?level=provincial')).get('U3')?.properties;
    expect(prov?.['distance_km']).toBeCloseTo(meridianM(46.2, 46.0) / 1000, 1);
    expect(prov?.['distance_class']).toBe('5_25');
    const none = byId(await tile('distance_to_service', 2, 45.5, '?category=no_such_service')).get('U1')?.properties;
    expect(none?.['distance_class']).toBe('none');

    const gaps = byId(await tile('gaps', 2, 45.5, '?level=federal'));
    // U3 is 133 km from the federal office; U4 (NL) has no federal feed in its province: no data, not a gap.
    expect(gaps.get('U3')?.properties).toMatchObject({ data_status: 'measured' });
    expect(gaps.get('U4')?.properties).toMatchObject({ gap_class: 'no_data', data_status: 'no_data' });
    expect(gaps.has('U1')).toBe(false);

    const pairs = await tile('colocation', 14, 45.0005);
    expect(pairs).toHaveLength(1);
    expect(pairs[0]?.properties).toMatchObject({ precision: 'measured', a_level: 'federal', b_level: 'provincial' });
    expect(pairs[0]?.properties['distance_m']).toBeCloseTo(meridianM(45.0, 45.001), 0);

    const single = byId(await tile('single_order', 2, 45.5, '?level=federal,provincial'));
    // U3 is 22 km from the provincial centre and 133 km from the federal office.
    expect(single.get('U3')?.properties).toMatchObject({
      level: 'provincial',
      single_order_class: 'provincial',
      data_status: 'measured',
    });
    expect(single.has('U1')).toBe(false);

    const sites = await tile('suggested_sites', 0, 45.5, '?k=2&candidates=points&level=federal');
    expect(sites.length).toBeGreaterThan(0);
    expect(sites[0]?.properties).toMatchObject({ site: 'suggested', rank: 1 });
  });

  it('runs the atlas on the analysts’ connections, never on the citizens’', () => {
    for (const path of [
      '/api/layers',
      '/api/layers/gaps/features',
      '/tiles/gaps/2/1/1.mvt',
      '/tiles/cwb/9/100/100.mvt',
      '/api/coverage/matrix',
      '/api/coverage/breakdown',
    ]) {
      expect(classifyRequest({ method: 'GET', path }), path).toBe('analysis');
    }
    expect(classifyRequest({ method: 'GET', path: '/tiles/service_points/2/1/1.mvt' })).toBe('citizen');
  });

  it('refuses the PostGIS engine and bad filters for atlas tiles', async () => {
    const res = await request(app).get('/tiles/cwb/2/1/1.mvt?engine=postgis').expect(400);
    expect(res.body.errors[0].field).toBe('engine');
    const bad = await request(app).get('/tiles/gaps/2/1/1.mvt?threshold_km=-3').expect(400);
    expect(bad.body.errors[0].field).toBe('threshold_km');
  });

  it('serves every layer as a table: paged, sorted with unknown values last, as JSON, CSV and GeoJSON', async () => {
    const page1 = await request(app).get('/api/layers/cwb/features?sort=population&order=desc&limit=2').expect(200);
    expect(page1.body).toMatchObject({
      layer: 'cwb',
      total: 5,
      limit: 2,
      offset: 0,
      sort: 'population',
      order: 'desc',
      property: 'cwb_class',
    });
    expect(page1.body.results.map((r: { id: string }) => r.id)).toEqual(['U3', 'U2']);
    const page3 = await request(app)
      .get('/api/layers/cwb/features?sort=population&order=desc&limit=2&offset=4')
      .expect(200);
    // U6 has no population: last whichever the order.
    expect(page3.body.results.map((r: { id: string }) => r.id)).toEqual(['U6']);
    const asc = await request(app).get('/api/layers/cwb/features?sort=population&order=asc').expect(200);
    expect(asc.body.results.map((r: { id: string }) => r.id)).toEqual(['U4', 'U1', 'U2', 'U3', 'U6']);
    const byName = await request(app).get('/api/layers/cwb/features?sort=name').expect(200);
    expect(byName.body.results[0].name).toBe('Unit four');

    const csv = await request(app).get('/api/layers/cwb/features?format=csv&sort=id').expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('cwb.csv');
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe(
      'id,name,province,population,cwb,cwb_class,income,education,housing,labour_force_activity,lon,lat',
    );
    expect(lines).toHaveLength(6);
    expect(lines[1]).toMatch(/^U1,Unit one,NB,1000,70,70_80,/);

    const geo = await request(app).get('/api/layers/gaps/features?format=geojson&level=federal').expect(200);
    expect(geo.headers['content-type']).toContain('application/geo+json');
    expect(geo.body.type).toBe('FeatureCollection');
    const u4 = geo.body.features.find((f: { id: string }) => f.id === 'U4');
    expect(u4.geometry).toEqual({ type: 'Point', coordinates: [LON, 47.5] });
    expect(u4.properties).toMatchObject({ data_status: 'no_data', orders_without_data: ['federal'] });
    expect(u4.properties.data_note_fr).toContain('Aucun flux fédéral');

    const shapes = await request(app)
      .get('/api/layers/cwb/features?format=geojson&geometry=shape&sort=id&limit=1')
      .expect(200);
    expect(shapes.body.features[0].geometry.type).toBe('MultiPolygon');
    expect(shapes.body.features[0].properties).toMatchObject({ id: 'U1', cwb_class: '70_80' });
    expect(shapes.body.total).toBe(5);

    const pairs = await request(app).get('/api/layers/colocation/features').expect(200);
    expect(pairs.body.summary).toMatchObject({ measured_total: 1, same_community_total: 0 });

    const badSort = await request(app).get('/api/layers/cwb/features?sort=password').expect(400);
    expect(badSort.body.errors[0]).toMatchObject({ field: 'sort' });
    expect(badSort.body.errors[0].message_fr).toContain('cwb_class');
    const badLayer = await request(app).get('/api/layers/roads/features').expect(400);
    expect(badLayer.body.errors[0].field).toBe('id');
  });

  it('varies the tile ETag with the filters, and redraws a layer when a publish changes what it shows', async () => {
    const [x, y] = tileOf(LON, 45.5, 2);
    const a = await request(app).get(`/tiles/distance_to_service/2/${x}/${y}.mvt?level=provincial`).expect(200);
    const b = await request(app).get(`/tiles/distance_to_service/2/${x}/${y}.mvt?level=federal`).expect(200);
    expect(a.headers['etag']).not.toBe(b.headers['etag']);
    await request(app)
      .get(`/tiles/distance_to_service/2/${x}/${y}.mvt?level=provincial`)
      .set('If-None-Match', a.headers['etag']!)
      .expect(304);
    expect(
      byId(await tile('distance_to_service', 2, 45.5, '?level=provincial')).get('U2')?.properties['distance_class'],
    ).toBe('50_100');
    // A provincial centre opens in Unit two.
    await publishProvincial(t.db, [
      ...PROV_POINTS_V2,
      { ...PROV_POINTS_V2[0]!, source_id: 'P3', name_en: 'Provincial centre three', lat: 45.5 },
    ]);
    const after = await request(app)
      .get(`/tiles/distance_to_service/2/${x}/${y}.mvt?level=provincial`)
      .set('If-None-Match', a.headers['etag']!);
    expect(after.status).toBe(200);
    expect(byId(await tile('distance_to_service', 2, 45.5, '?level=provincial')).get('U2')?.properties).toMatchObject({
      distance_km: 0,
      distance_class: 'lt5',
    });
  });
});
