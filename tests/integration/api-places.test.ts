import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replacePlaces } from '../../data-loaders/lib/replace-places.js';
import { fsaCentroids } from '../../data-loaders/sources/fsa-centroids.js';
import { loadNpmGazetteer } from '../../data-loaders/sources/gazetteer-npm.js';
import { gazetteerSimplemaps } from '../../data-loaders/sources/gazetteer-simplemaps.js';
import { testApp } from '../support/test-app.js';
import { MODES, openTestDatabase, sharedFile, type TestDatabase } from '../support/test-database.js';

const FSA_FILE = sharedFile('gazetteer', 'fsa-centroids-2021', 'postal_centroids_canada.json');
const CITIES_FILE = sharedFile('gazetteer', 'simplemaps-canadacities', 'canadacities.csv');
if (!FSA_FILE)
  console.warn('api-places: ../shared/data FSA centroids not found; postal-code cases use the hand-made fixture only');

interface Place {
  id: number;
  name: string;
  name_en: string;
  name_fr: string | null;
  kind: string;
  province: string | null;
  population: number | null;
  similarity: number;
}

describe.each(MODES)('place search on %s', (mode) => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  const search = async (q: string, extra = '') => {
    const res = await request(app)
      .get(`/api/places/search?q=${encodeURIComponent(q)}${extra}`)
      .expect(200);
    return res.body.results as Place[];
  };

  beforeAll(async () => {
    t = await openTestDatabase(mode);
    const log = () => {};
    // The gazetteer shipped with the app (GeoNames via npm), and the real files when present.
    await loadNpmGazetteer(t.db);
    if (CITIES_FILE) await gazetteerSimplemaps.load({ db: t.db, file: CITIES_FILE, log });
    if (FSA_FILE) await fsaCentroids.load({ db: t.db, file: FSA_FILE, log });
    // Made here: an Indigenous community, a place with a French name, and one FSA so the postal cases always run.
    await t.db.transaction((tx) =>
      replacePlaces(tx, 'test-fixture', [
        {
          kind: 'indigenous_community',
          name: 'Elsipogtog First Nation',
          name_fr: 'Première Nation d’Elsipogtog',
          province: 'NB',
          population: 2800,
          lon: -65.0,
          lat: 46.58,
          source_key: 'elsipogtog',
        },
        {
          kind: 'community',
          name: 'Grand Falls',
          name_fr: 'Grand-Sault',
          province: 'NB',
          population: 5200,
          lon: -67.74,
          lat: 47.05,
          source_key: 'grand-falls',
        },
        ...(FSA_FILE
          ? []
          : [
              {
                kind: 'postal_code' as const,
                name: 'E3B',
                province: 'NB',
                population: null,
                lon: -66.66,
                lat: 45.95,
                source_key: 'E3B',
              },
            ]),
      ]),
    );
    app = testApp(t.db);
  });
  afterAll(() => t?.cleanup());

  it('finds Fredericton from a prefix, first', async () => {
    const results = await search('fred');
    expect(results[0]).toMatchObject({ name: 'Fredericton', province: 'NB', kind: 'community' });
  });

  it('ignores accents and case: "montreal" and "MONTRÉAL" find Montréal', async () => {
    const plain = await search('montreal');
    expect(plain[0]).toMatchObject({ name: 'Montréal', province: 'QC' });
    const upper = await search('MONTRÉAL');
    expect(upper[0]?.name).toBe('Montréal');
  });

  it('matches across the hyphen: "trois-ri" and "trois ri" find Trois-Rivières', async () => {
    expect((await search('trois-ri'))[0]?.name).toBe('Trois-Rivières');
    expect((await search('trois ri'))[0]?.name).toBe('Trois-Rivières');
  });

  it('forgives a typo', async () => {
    expect((await search('fredricton'))[0]?.name).toBe('Fredericton');
    expect((await search('saskatoom'))[0]?.name).toBe('Saskatoon');
  });

  it('ranks by similarity, then population: "saint j" puts the bigger places first among equals', async () => {
    const results = await search('saint j', '&limit=10');
    expect(results.length).toBeGreaterThan(3);
    // Worked out here, not read from the SQL: a name "starts with" the query once accents, case and
    // punctuation are set aside; those come first, then by similarity (one decimal), then population.
    const key = (s: string | null) =>
      (s ?? '')
        .normalize('NFD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, ' ')
        .trim();
    const rank = results.map((r) => ({
      name: r.name,
      prefix: key(r.name).startsWith('saint j') || key(r.name_fr).startsWith('saint j') ? 1 : 0,
      similarity: Math.round(r.similarity * 10) / 10,
      population: r.population ?? -1,
    }));
    expect(rank[0]!.prefix).toBe(1);
    for (let i = 1; i < rank.length; i++) {
      const [a, b] = [rank[i - 1]!, rank[i]!];
      const order = a.prefix - b.prefix || a.similarity - b.similarity || a.population - b.population;
      expect(order, `${a.name} before ${b.name}`).toBeGreaterThanOrEqual(0);
    }
  });

  it('resolves postal codes with or without a space, in any case, to their FSA', async () => {
    for (const q of ['E3B 1A1', 'e3b1a1', 'e3b', 'E3B']) {
      const results = await search(q);
      expect(results[0], q).toMatchObject({ name: 'E3B', kind: 'postal_code', province: 'NB' });
    }
    if (FSA_FILE) {
      const partial = await search('E3', '&limit=20');
      expect(partial.length).toBeGreaterThan(3);
      expect(partial.every((p) => p.kind === 'postal_code' && p.name.startsWith('E3'))).toBe(true);
    }
  });

  it('finds Indigenous communities and French names, and names them in the requested language', async () => {
    const indigenous = await search('elsipog');
    expect(indigenous[0]).toMatchObject({ name: 'Elsipogtog First Nation', kind: 'indigenous_community' });
    const french = await search('grand-sau');
    expect(french[0]).toMatchObject({ name: 'Grand Falls', name_fr: 'Grand-Sault' });
    const inFrench = await search('grand-sau', '&lang=fr');
    expect(inFrench[0]?.name).toBe('Grand-Sault');
    const viaFrenchName = await search('premiere nation', '&lang=fr');
    expect(viaFrenchName[0]?.name).toBe('Première Nation d’Elsipogtog');
  });

  it('lists each place once although two gazetteers hold it', async () => {
    const results = await search('fredericton', '&limit=20');
    expect(results.filter((r) => r.name === 'Fredericton' && r.province === 'NB')).toHaveLength(1);
  });

  it('answers nothing, not everything, for text that matches no place', async () => {
    expect(await search('zzqxj')).toEqual([]);
    expect(await search('%')).toEqual([]);
  });

  it('rejects a missing or oversized query and a bad limit with a 400 naming the parameter', async () => {
    const missing = await request(app).get('/api/places/search').expect(400);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.body.errors[0].field).toBe('q');
    const long = await request(app)
      .get(`/api/places/search?q=${'a'.repeat(101)}`)
      .expect(400);
    expect(long.body.errors[0].field).toBe('q');
    const limit = await request(app).get('/api/places/search?q=fred&limit=500&lang=fr').expect(400);
    expect(limit.body.errors[0]).toMatchObject({ field: 'limit' });
    expect(limit.body.title).toBe('Requête invalide');
  });

  it('sends cache headers and the other formats', async () => {
    const res = await request(app).get('/api/places/search?q=fred').expect(200);
    expect(res.headers['etag']).toBeDefined();
    expect(res.headers['cache-control']).toContain('max-age');
    const etag = res.headers['etag'] as string;
    await request(app).get('/api/places/search?q=fred').set('If-None-Match', etag).expect(304);
    const geo = await request(app).get('/api/places/search?q=fred&format=geojson').expect(200);
    expect(geo.body.features[0].geometry.type).toBe('Point');
    const csv = await request(app).get('/api/places/search?q=fred&format=csv').expect(200);
    expect(csv.text.startsWith('\uFEFFid,name')).toBe(true);
  });
});
