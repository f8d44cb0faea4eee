import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/test-app.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';

const IDS = [
  'cwb', 'community_type', 'population_density', 'remoteness', 'distance_to_service', 'indigenous_communities',
  'gaps', 'colocation', 'single_order', 'suggested_sites',
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

describe.each(MODES)('the atlas of layers on %s', (mode) => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  beforeAll(async () => {
    t = await openTestDatabase(mode);
    app = testApp(t.db);
  });
  afterAll(() => t?.cleanup());

  it('lists every layer with bilingual titles, a source with licence, a legend and its tiles and table', async () => {
    const res = await request(app).get('/api/layers').expect(200);
    const layers = res.body.layers as Layer[];
    expect(layers.map((l) => l.id)).toEqual(IDS);
    for (const l of layers) {
      expect(l.title_en, l.id).toBeTruthy();
      expect(l.title_fr, l.id).toBeTruthy();
      expect(l.title_fr, l.id).not.toBe(l.title_en);
      expect(['choropleth', 'points']).toContain(l.kind);
      expect(l.source.licence, l.id).toBeTruthy();
      expect(l.source.attribution_fr, l.id).toBeTruthy();
      expect(l.legend.length, l.id).toBeGreaterThan(0);
      for (const c of l.legend) expect(c.color, `${l.id} ${c.value}`).toMatch(/^#[0-9a-f]{6}$/i);
      expect(new Set(l.legend.map((c) => c.value)).size, l.id).toBe(l.legend.length);
      expect(l.tiles).toBe(`/tiles/${l.id}/{z}/{x}/{y}.mvt`);
      expect(l.source_layer).toBe(l.id);
      expect(l.table).toBe(`/api/layers/${l.id}/features`);
    }
    const cwb = layers.find((l) => l.id === 'cwb');
    expect(cwb?.legend.at(-1)).toMatchObject({ value: 'none', label_en: 'No score published' });
    expect(layers.find((l) => l.id === 'community_type')?.legend.map((c) => c.value)).toEqual(['first_nations', 'inuit', 'non_indigenous', 'unknown']);
  });

  it('carries the current filters into the tile and table URLs of the layers that follow them, and only those', async () => {
    const res = await request(app).get('/api/layers?level=provincial,federal&province=on&threshold_km=25&max_m=200&k=3').expect(200);
    const byId = new Map((res.body.layers as Layer[]).map((l) => [l.id, l]));
    expect(byId.get('cwb')?.tiles).toBe('/tiles/cwb/{z}/{x}/{y}.mvt?province=ON');
    expect(byId.get('distance_to_service')?.tiles).toBe('/tiles/distance_to_service/{z}/{x}/{y}.mvt?province=ON&level=federal,provincial');
    expect(byId.get('gaps')?.table).toBe('/api/layers/gaps/features?threshold_km=25&province=ON&level=federal,provincial');
    expect(byId.get('colocation')?.tiles).toBe('/tiles/colocation/{z}/{x}/{y}.mvt?max_m=200&province=ON&level=federal,provincial');
    expect(byId.get('suggested_sites')?.tiles).toContain('k=3');
  });

  it('refuses bad filters with a bilingual error naming the parameter', async () => {
    const res = await request(app).get('/api/layers?level=imperial').expect(400);
    expect(res.body.errors[0].field).toBe('level');
  });
});
