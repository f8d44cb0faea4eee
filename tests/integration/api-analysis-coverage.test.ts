import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BANDS_KM } from '../../server/routes/coverage.js';
import { recomputeCoverage } from '../../data-loaders/lib/coverage/coverage-store.js';
import {
  FED_POINTS,
  insertUnits,
  LON,
  meridianM,
  PROV_POINTS_V1,
  PROV_POINTS_V2,
  publishFixtureFeeds,
  publishProvincial,
  unitsMayBeUnlocated,
  type FixtureUnit,
} from '../fixtures/analysis-fixture.js';
import { testApp } from '../support/test-app.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';

interface FixturePoint {
  id: string;
  level: string;
  lat: number;
  categories: string[];
}
const F1: FixturePoint = { id: 'F1', level: 'federal', lat: FED_POINTS[0]!.lat!, categories: ['passport'] };
const P1: FixturePoint = { id: 'P1', level: 'provincial', lat: PROV_POINTS_V1[0]!.lat!, categories: ['health_card'] };
const P2: FixturePoint = { id: 'P2', level: 'provincial', lat: PROV_POINTS_V2[1]!.lat!, categories: ['health_card'] };

/** The answer worked out independently of the SQL: nearest matching point by the meridian formula. */
function nearestM(
  u: FixtureUnit,
  points: FixturePoint[],
  match: (p: FixturePoint) => boolean = () => true,
): number | null {
  if (u.lat === null) return null;
  const ds = points.filter(match).map((p) => meridianM(u.lat!, p.lat));
  return ds.length ? Math.min(...ds) : null;
}

function expectedCoverage(
  units: FixtureUnit[],
  points: FixturePoint[],
  thresholdKm: number,
  match?: (p: FixturePoint) => boolean,
) {
  let total = 0;
  let within = 0;
  let notLocated = 0;
  const edges = [...new Set([...DEFAULT_BANDS_KM, thresholdKm])].sort((a, b) => a - b);
  const bands = [...edges.map((e) => ({ max_km: e as number | null, population: 0 })), { max_km: null, population: 0 }];
  for (const u of units) {
    const pop = u.population ?? 0;
    total += pop;
    const d = nearestM(u, points, match);
    if (u.lat === null) {
      notLocated += pop;
      continue;
    }
    if (d !== null && d <= thresholdKm * 1000) within += pop;
    const i = d === null ? edges.length : edges.findIndex((e) => d <= e * 1000);
    bands[i === -1 ? edges.length : i]!.population += pop;
  }
  return { total, within, notLocated, bands };
}

/** docs/coverage.md, written out again here. */
function expectedScore(
  u: FixtureUnit,
  d: number,
  thresholdM: number,
  w = { p: 1, d: 1, c: 0.5, i: 0.5, cut: 65 },
): number {
  const pop = u.population === null ? 0 : Math.min(1, Math.log10(1 + u.population) / 6);
  const dist = Math.min(1, Math.log(d / thresholdM) / Math.log(8));
  const cwb = typeof u.indicators['cwb'] === 'number' ? ((u.indicators['cwb'] as number) < w.cut ? 1 : 0) : 0;
  const ct = u.indicators['community_type'];
  const ind = typeof ct === 'string' ? (/first nation|inuit/i.test(ct) ? 1 : 0) : 0;
  return w.p * pop + w.d * dist + w.c * cwb + w.i * ind;
}

describe.each(MODES)('analysts: coverage, gaps and partnerships on %s', (mode) => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  let units: FixtureUnit[];
  beforeAll(async () => {
    t = await openTestDatabase(mode);
    units = await insertUnits(t.db, await unitsMayBeUnlocated(t.db));
    await publishFixtureFeeds(t.db);
    for (const [name, lat] of [
      ['Place A', 45.6],
      ['Place B', 47.3],
      ['Place C', 46.5],
    ] as const) {
      await t.db.query(
        `INSERT INTO places (kind, name, province, lon, lat, source, source_key) VALUES ('community', $1, 'NB', $2, $3, 'test', $1)`,
        [name, LON, lat],
      );
    }
    app = testApp(t.db);
  });
  afterAll(() => t?.cleanup());

  it('counts the population within 50 km, by band, from the stored distances', async () => {
    const res = await request(app).get('/api/coverage?group_by=none').expect(200);
    const e = expectedCoverage(units, [F1, P1], 50);
    expect(e.within).toBe(4000);
    expect(res.body).toMatchObject({
      threshold_km: 50,
      distance_kind: 'straight_line',
      source: 'stored',
      population_total: e.total,
      population_within: e.within,
      population_not_located: e.notLocated,
      pct_within: Math.round((10000 * e.within) / e.total) / 100,
      groups: [],
    });
    expect(res.body.distance_note).toMatch(/straight-line/i);
    expect(res.body.bands).toEqual(e.bands);
    expect(res.headers['etag']).toBeDefined();
    expect(res.headers['cache-control']).toContain('max-age');
  });

  it('filters points by order of government and category, and units by province', async () => {
    const cases: [string, (p: FixturePoint) => boolean, number][] = [
      ['level=federal', (p) => p.level === 'federal', 1000],
      ['level=federal,provincial', () => true, 4000],
      ['category=health_card', (p) => p.categories.includes('health_card'), 3000],
      ['jurisdiction=ca-nb', (p) => p.level === 'provincial', 3000],
    ];
    for (const [query, match, within] of cases) {
      const res = await request(app).get(`/api/coverage?group_by=none&${query}`).expect(200);
      expect(res.body.source, query).toBe('stored');
      expect(res.body.population_within, query).toBe(within);
      expect(res.body.bands, query).toEqual(expectedCoverage(units, [F1, P1], 50, match).bands);
    }
    const nl = await request(app).get('/api/coverage?group_by=none&province=nl').expect(200);
    expect(nl.body).toMatchObject({ population_total: 500, population_within: 0 });
    const wide = await request(app).get('/api/coverage?group_by=none&threshold_km=200').expect(200);
    expect(wide.body.population_within).toBe(expectedCoverage(units, [F1, P1], 200).within);
  });

  it('answers filter combinations with live nearest-neighbour queries, with the same numbers', async () => {
    const both = await request(app).get('/api/coverage?group_by=none&level=federal&category=passport').expect(200);
    expect(both.body).toMatchObject({ source: 'live', population_within: 1000 });
    const none = await request(app).get('/api/coverage?group_by=none&level=federal&category=health_card').expect(200);
    expect(none.body.population_within).toBe(0);
    expect(none.body.bands.at(-1)).toEqual({ max_km: null, population: 6500 });
    // The live rows were rolled back.
    const left = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM coverage_distances WHERE scope LIKE 'live:%'",
    );
    expect(left.rows[0]!.n).toBe(0);
  });

  it('groups by province and by census subdivision', async () => {
    const res = await request(app).get('/api/coverage?group_by=province&lang=fr').expect(200);
    const nb = res.body.groups.find((g: { id: string }) => g.id === 'NB');
    expect(nb).toMatchObject({ name: 'Nouveau-Brunswick', population_within: 4000 });
    expect(res.body.groups.find((g: { id: string }) => g.id === 'NL')).toMatchObject({
      population_total: 500,
      population_within: 0,
      pct_within: 0,
    });
    const csd = await request(app).get('/api/coverage?group_by=csd').expect(200);
    expect(csd.body.groups.find((g: { id: string }) => g.id === 'U3')).toMatchObject({
      name: 'Unit three',
      population_within: 3000,
      pct_within: 100,
    });
    const csv = await request(app).get('/api/coverage?group_by=province&format=csv').expect(200);
    expect(csv.text.startsWith('\uFEFFid,name,population_total')).toBe(true);
  });

  it('ranks gaps by the documented score, with missing indicators as null', async () => {
    const res = await request(app).get('/api/gaps').expect(200);
    const gaps = units.filter((u) => u.lat !== null && nearestM(u, [F1, P1])! > 50_000);
    const expected = gaps
      .map((u) => ({ id: u.id, score: expectedScore(u, nearestM(u, [F1, P1])!, 50_000) }))
      .sort((a, b) => b.score - a.score);
    expect(res.body.results.map((g: { unit_id: string }) => g.unit_id)).toEqual(expected.map((g) => g.id));
    expect(res.body.results.map((g: { unit_id: string }) => g.unit_id)).toEqual(['U2', 'U4']);
    res.body.results.forEach((g: { score: number; unit_id: string }, i: number) =>
      expect(g.score).toBeCloseTo(expected[i]!.score, 3),
    );
    expect(res.body.total).toBe(2);
    expect(res.body.results[0]).toMatchObject({
      indicators: { cwb: 50, community_type: 'First Nations Community' },
      missing_indicators: [],
    });
    expect(res.body.results[0].nearest_distance_m).toBeCloseTo(meridianM(45.5, 45.0), 0);
    expect(res.body.results[0].nearest_point_id).toMatch(/^[0-9a-f]{16}$/);

    // Weights are parameters: distance alone puts the farthest unit first.
    const far = await request(app).get('/api/gaps?w_population=0&w_cwb=0&w_indigenous=0&w_distance=5').expect(200);
    expect(far.body.results[0].unit_id).toBe('U4');

    const t20 = await request(app).get('/api/gaps?threshold_km=20').expect(200);
    const u3 = t20.body.results.find((g: { unit_id: string }) => g.unit_id === 'U3');
    expect(u3.indicators).toEqual({ cwb: null, community_type: null });
    expect(u3.missing_indicators).toEqual(['cwb', 'community_type']);
    expect(u3.score_terms.cwb).toBeNull();

    const geo = await request(app).get('/api/gaps?format=geojson').expect(200);
    expect(geo.body.features[0].geometry).toEqual({ type: 'Point', coordinates: [LON, 45.5] });
    const csv = await request(app).get('/api/gaps?format=csv').expect(200);
    expect(csv.text).toContain('U4');
  });

  it('finds communities served by one order of government only', async () => {
    const res = await request(app).get('/api/partnerships/single-order').expect(200);
    const single = units.filter((u) => {
      const fed = nearestM(u, [F1]);
      const prov = nearestM(u, [P1]);
      return (fed !== null && fed <= 50_000) !== (prov !== null && prov <= 50_000);
    });
    expect(res.body.results.map((r: { unit_id: string }) => r.unit_id).sort()).toEqual(single.map((u) => u.id).sort());
    expect(res.body.population_by_level).toEqual({ federal: 1000, provincial: 3000 });
    expect(res.body.results.find((r: { unit_id: string }) => r.unit_id === 'U3').level).toBe('provincial');
  });

  it('suggests shared sites greedily, each with its marginal population', async () => {
    const res = await request(app).get('/api/partnerships/suggest?k=3&candidates=places').expect(200);
    // By hand: U2 (2000) is 11 km from Place A; U4 (500) is 22 km from Place B; Place C reaches no one uncovered.
    expect(res.body.population_covered_before).toBe(4000);
    expect(res.body.results).toEqual([
      expect.objectContaining({
        rank: 1,
        name: 'Place A',
        newly_covered_population: 2000,
        cumulative_covered: 6000,
        lon: LON,
        lat: 45.6,
      }),
      expect.objectContaining({ rank: 2, name: 'Place B', newly_covered_population: 500, cumulative_covered: 6500 }),
    ]);
    const one = await request(app).get('/api/partnerships/suggest?k=1&candidates=points&threshold_km=60').expect(200);
    // At 60 km U2 (55.6 km from F1) is covered; U4 is 167 km from P1: no existing point reaches it.
    expect(one.body.results).toEqual([]);
  });

  it('lists co-located points of different orders of government, and a publish refreshes only the scopes it touches', async () => {
    const before = await request(app).get('/api/partnerships/colocation?max_m=500').expect(200);
    expect(before.body.results).toEqual([]);
    await request(app).get('/api/coverage').expect(200);
    const xmin = async (scope: string) =>
      (
        await t.db.query<{ x: string }>(
          "SELECT string_agg(xmin::text, ',' ORDER BY unit_id) AS x FROM coverage_distances WHERE scope = $1",
          [scope],
        )
      ).rows[0]!.x;
    const passportBefore = await xmin('category:passport');
    const allBefore = await xmin('all');

    await publishProvincial(t.db, PROV_POINTS_V2);
    const state = (
      await t.db.query<{ fresh: boolean }>(
        'SELECT coverage_points_generation = points_generation AND coverage_units_generation = units_generation AS fresh FROM analysis_state',
      )
    ).rows[0]!;
    expect(state.fresh).toBe(true);
    expect(await xmin('category:passport')).toBe(passportBefore);
    expect(await xmin('all')).not.toBe(allBefore);

    const after = await request(app).get('/api/partnerships/colocation?max_m=500').expect(200);
    expect(after.body.results).toHaveLength(1);
    const pair = after.body.results[0];
    expect(pair.a).toMatchObject({ level: 'federal', name: 'Federal office one' });
    expect(pair.b).toMatchObject({ level: 'provincial', name: 'Provincial centre two' });
    expect(pair.distance_m).toBeCloseTo(meridianM(45.0, 45.001), 0);
    const near = await request(app).get('/api/partnerships/colocation?max_m=100').expect(200);
    expect(near.body.results).toEqual([]);

    const cov = await request(app).get('/api/coverage?group_by=none&category=health_card').expect(200);
    expect(cov.body.population_within).toBe(
      expectedCoverage(units, [F1, P1, P2], 50, (p) => p.categories.includes('health_card')).within,
    );
    // The incremental refresh and a full recompute agree.
    const stored = await request(app).get('/api/coverage?group_by=csd').expect(200);
    const full = await recomputeCoverage(t.db);
    expect(full.distance_kind).toBe('straight_line');
    expect(full.scopes).toEqual([
      'all',
      'category:health_card',
      'category:passport',
      'jurisdiction:ca',
      'jurisdiction:ca-nb',
      'level:federal',
      'level:provincial',
    ]);
    const again = await request(app).get('/api/coverage?group_by=csd').expect(200);
    expect(again.body).toEqual(stored.body);
    await publishProvincial(t.db, PROV_POINTS_V1);
  });

  it('refuses bad parameters with a 400 naming each one', async () => {
    const bad: [string, string][] = [
      ['/api/coverage?threshold_km=-1', 'threshold_km'],
      ['/api/coverage?threshold_km=abc', 'threshold_km'],
      ['/api/coverage?group_by=planet', 'group_by'],
      ['/api/coverage?province=ZZ', 'province'],
      ['/api/coverage?level=galactic', 'level'],
      ['/api/coverage?bands=1,x', 'bands'],
      ['/api/coverage?format=geojson', 'format'],
      ['/api/gaps?limit=5000', 'limit'],
      ['/api/gaps?w_cwb=-2', 'w_cwb'],
      ['/api/partnerships/colocation?max_m=99999', 'max_m'],
      ['/api/partnerships/suggest?k=500', 'k'],
      ['/api/partnerships/suggest?candidates=everywhere', 'candidates'],
      ['/api/partnerships/single-order?limit=0', 'limit'],
    ];
    for (const [url, field] of bad) {
      const res = await request(app).get(url).expect(400);
      expect(res.headers['content-type'], url).toContain('application/problem+json');
      expect(
        res.body.errors.map((e: { field: string }) => e.field),
        url,
      ).toContain(field);
    }
    const fr = await request(app).get('/api/gaps?limit=0&lang=fr').expect(400);
    expect(fr.body.title).toBe('Requête invalide');
  });
});
