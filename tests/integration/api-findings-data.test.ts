import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAndPublish } from '../../data-loaders/lib/publish-feed.js';
import type { FeedSpec, PointRecord } from '../../data-loaders/lib/point-record.js';
import { remotenessIndex } from '../../server/queries/analysis/remoteness.js';
import {
  insertUnits,
  LON,
  meridianM,
  publishFixtureFeeds,
  PROV_POINTS_V2,
  unitsMayBeUnlocated,
} from '../fixtures/analysis-fixture.js';
import { reportFor } from '../fixtures/tiny-feeds.js';
import { testApp } from '../support/test-app.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';

const FED_EXTRA: FeedSpec = {
  id: 'fixture-federal-extra',
  jurisdiction_id: 'ca',
  name_en: 'Fixture federal outreach sites',
  name_fr: 'Sites de services mobiles fédéraux (essai)',
  format: 'csv',
  licence: 'Test licence',
  attribution_en: 'Test',
  attribution_fr: 'Essai',
};
const PROV_EXTRA: FeedSpec = {
  id: 'fixture-nb-towns',
  jurisdiction_id: 'ca-nb',
  name_en: 'Fixture provincial kiosks',
  name_fr: 'Kiosques provinciaux (essai)',
  format: 'csv',
  licence: 'Test licence',
  attribution_en: 'Test',
  attribution_fr: 'Essai',
};

function pt(
  source_id: string,
  lat: number,
  province: string,
  quality: PointRecord['geocode_quality'],
  city: string | null = null,
): PointRecord {
  return {
    source_id,
    name_en: `Point ${source_id}`,
    name_fr: null,
    categories: [],
    languages: ['en'],
    accessibility: [],
    lon: LON,
    lat,
    geocode_quality: quality,
    extra: {},
    province,
    city,
  };
}

/** Two offices of different orders placed at one community's centre (Testville, 45.3° N), a precise one 55 m away, and a federal office in NL. */
const FED_EXTRA_POINTS = [pt('NLF', 47.5, 'NL', 'source'), pt('FC', 45.3, 'NB', 'community', 'Testville')];
const PROV_EXTRA_POINTS = [pt('PC', 45.3, 'NB', 'community', 'Testville'), pt('PC2', 45.3005, 'NB', 'source')];

interface Pair {
  id: string;
  precision: string;
  distance_m: number | null;
  a: { id: string; precision: string };
  b: { id: string; precision: string };
}
interface Cell {
  level: string;
  status: string;
  points: number;
  points_approximate: number;
  latest_published_at: string | null;
  feeds: { id: string }[];
}

describe.each(MODES)('findings that know their data on %s', (mode) => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  let ids: Map<string, string>;
  beforeAll(async () => {
    t = await openTestDatabase(mode);
    await insertUnits(t.db, await unitsMayBeUnlocated(t.db));
    await publishFixtureFeeds(t.db, PROV_POINTS_V2);
    await loadAndPublish(t.db, FED_EXTRA, {
      checksum: 'fed-extra',
      sourceName: 'fed-extra.csv',
      records: FED_EXTRA_POINTS,
      report: reportFor(FED_EXTRA_POINTS),
    });
    await loadAndPublish(t.db, PROV_EXTRA, {
      checksum: 'prov-extra',
      sourceName: 'prov-extra.csv',
      records: PROV_EXTRA_POINTS,
      report: reportFor(PROV_EXTRA_POINTS),
    });
    app = testApp(t.db);
    const r = await t.db.query<{ id: string; source_id: string }>(
      'SELECT id, source_id FROM service_points WHERE is_published',
    );
    ids = new Map(r.rows.map((x) => [x.source_id, x.id]));
  });
  afterAll(() => t?.cleanup());

  it('measures co-location only between points located at their address: two offices at one community centre are never a 0 m pair', async () => {
    const measured = await request(app).get('/api/partnerships/colocation?max_m=500').expect(200);
    const pairs = measured.body.results as Pair[];
    // Only F1 (source) and P2 (source), 111 m apart.
    expect(pairs).toHaveLength(1);
    expect(pairs[0]).toMatchObject({ precision: 'measured', a: { precision: 'source' }, b: { precision: 'source' } });
    expect(pairs[0]?.distance_m).toBeCloseTo(meridianM(45.0, 45.001), 0);
    expect(measured.body).toMatchObject({
      precision: 'measured',
      total: 1,
      measured_total: 1,
      same_community_total: 3,
    });

    const same = await request(app).get('/api/partnerships/colocation?max_m=500&precision=same_community').expect(200);
    const sameKeys = (same.body.results as Pair[]).map((p) => [p.a.id, p.b.id].sort().join('+')).sort();
    const key = (a: string, b: string) => [ids.get(a), ids.get(b)].sort().join('+');
    // FC and PC share Testville's centre; PC2 is 55 m from FC's drawn point; F1 gives Testville as its city.
    expect(sameKeys).toEqual([key('FC', 'PC'), key('FC', 'PC2'), key('F1', 'PC')].sort());
    for (const p of same.body.results as Pair[]) {
      expect(p.distance_m, p.id).toBeNull();
      expect([p.a.precision, p.b.precision]).toContain('community');
    }
    // No list anywhere says 0 m.
    const table = await request(app).get('/api/layers/colocation/features?limit=100').expect(200);
    for (const r of table.body.results as { distance_m: number | null; precision: string }[]) {
      if (r.precision === 'same_community') expect(r.distance_m).toBeNull();
      else expect(r.distance_m).toBeGreaterThan(0);
    }
    expect(table.body.summary).toMatchObject({ measured_total: 1, same_community_total: 3 });
  });

  it('publishes a data-coverage matrix: a province with no provincial feed is no data', async () => {
    const res = await request(app).get('/api/coverage/matrix').expect(200);
    const provinces = res.body.provinces as { province: string; name_fr: string; orders: Cell[] }[];
    expect(provinces.map((p) => p.province)).toHaveLength(13);
    const cell = (p: string, level: string) =>
      provinces.find((x) => x.province === p)?.orders.find((o) => o.level === level);
    expect(cell('NL', 'federal')).toMatchObject({
      status: 'published',
      points: 1,
      feeds: [{ id: 'fixture-federal-extra' }],
    });
    expect(cell('NL', 'federal')?.latest_published_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(cell('NL', 'provincial')).toMatchObject({ status: 'no_data', points: 0, feeds: [] });
    expect(cell('NB', 'provincial')).toMatchObject({ status: 'published', points: 4, points_approximate: 1 });
    expect(
      cell('NB', 'provincial')
        ?.feeds.map((f) => f.id)
        .sort(),
    ).toEqual(['fixture-nb', 'fixture-nb-towns']);
    expect(cell('NB', 'federal')).toMatchObject({ status: 'published', points: 2, points_approximate: 1 });
    // Territories have a territorial order, provinces a provincial one.
    expect(cell('NU', 'territorial')).toMatchObject({ status: 'no_data' });
    expect(cell('NU', 'provincial')).toBeUndefined();
    expect(cell('QC', 'territorial')).toBeUndefined();
    expect(res.body.note_fr).toBeTruthy();
    const csv = await request(app).get('/api/coverage/matrix?format=csv').expect(200);
    expect(csv.text).toContain('NL,Newfoundland and Labrador,provincial,no_data,0');
  });

  it('says "no data", not "federal only", where the other orders publish nothing', async () => {
    // U4 (NL) is at the NL federal office; NL has no provincial, municipal or Indigenous feed.
    const res = await request(app).get('/api/partnerships/single-order?level=federal,provincial').expect(200);
    const u4 = res.body.results.find((r: { unit_id: string }) => r.unit_id === 'U4');
    expect(u4).toMatchObject({ level: 'federal', data_status: 'no_data', orders_without_data: ['provincial'] });
    // The note names the order with no data and the province, in the reader's language.
    expect(u4.data_note_en).toMatch(/provincial/);
    expect(u4.data_note_en).toContain('Newfoundland and Labrador');
    expect(u4.data_note_fr).toMatch(/provincial/);
    expect(u4.data_note_fr).toContain('Terre-Neuve-et-Labrador');
    expect(u4.data_note_fr).not.toContain('Newfoundland');
    expect(res.body.by_data_status.no_data).toEqual({ units: 1, population: 500 });
    // U3 (NB) is near only provincial points, and NB has federal data: a measured finding.
    const u3 = res.body.results.find((r: { unit_id: string }) => r.unit_id === 'U3');
    expect(u3).toMatchObject({
      level: 'provincial',
      data_status: 'measured',
      orders_without_data: [],
      data_note_en: null,
    });
    // With every order considered, NB lacks municipal and Indigenous feeds: partial, and said so.
    const all = await request(app).get('/api/partnerships/single-order').expect(200);
    expect(all.body.results.find((r: { unit_id: string }) => r.unit_id === 'U3')).toMatchObject({
      data_status: 'partial',
      orders_without_data: ['municipal', 'indigenous'],
    });
    const layer = await request(app)
      .get('/api/layers/single_order/features?level=federal,provincial&sort=id')
      .expect(200);
    expect(layer.body.results.find((r: { id: string }) => r.id === 'U4')).toMatchObject({
      single_order_class: 'no_data',
    });
    // Gaps: with only provincial points considered, NL's units are no data, not gaps.
    const gaps = await request(app).get('/api/gaps?level=provincial').expect(200);
    expect(gaps.body.results.find((r: { unit_id: string }) => r.unit_id === 'U4')).toMatchObject({
      data_status: 'no_data',
    });
    // A gap says how its nearest point was located: U3 is 100 km from FC, drawn at Testville's centre.
    const fedGaps = await request(app).get('/api/gaps?level=federal').expect(200);
    expect(fedGaps.body.results.find((r: { unit_id: string }) => r.unit_id === 'U3')).toMatchObject({
      nearest_point_precision: 'community',
    });
    expect(gaps.body.by_data_status.no_data.population).toBe(500);
    // Coverage by province says which provinces' shares rest on no data at all.
    const cov = await request(app).get('/api/coverage?level=provincial&group_by=province').expect(200);
    const nl = cov.body.groups.find((g: { id: string }) => g.id === 'NL');
    expect(nl).toMatchObject({ pct_within: 0, data_status: 'no_data', orders_without_data: ['provincial'] });
    expect(cov.body.groups.find((g: { id: string }) => g.id === 'NB')).toMatchObject({ data_status: 'measured' });
  });

  it('says how many points are approximate and the range of coverage that implies', async () => {
    const res = await request(app).get('/api/coverage?level=federal&threshold_km=25').expect(200);
    const p = res.body.precision;
    expect(p.points).toEqual({ source: 2, postal_code: 0, community: 1, not_located: 1, approximate: 1 });
    // U2 (2,000) and U3 (3,000) are nearest to FC, drawn at Testville's centre.
    expect(p).toMatchObject({ units_nearest_approximate: 2, population_nearest_approximate: 5000, margin_km: 10 });
    // Within 25 km: U1 (1,000, F1 at 11 km), U4 (500, at NLF) and U2 (2,000, FC at 22 km ± 10 km).
    expect(res.body.population_within).toBe(3500);
    expect(p.population_within_low).toBe(1500);
    expect(p.population_within_high).toBe(3500);
    expect(p.note).toContain('margin');
    const wider = await request(app).get('/api/coverage?level=federal&threshold_km=25&approx_margin_km=2').expect(200);
    expect(wider.body.precision.population_within_low).toBe(3500);
  });

  it('breaks coverage down by jurisdiction, order of government and service, each on its own points', async () => {
    const res = await request(app).get('/api/coverage/breakdown?by=jurisdiction&threshold_km=50').expect(200);
    const rows = new Map(
      (res.body.results as { id: string; population_within: number; points: number; points_approximate: number }[]).map(
        (r) => [r.id, r],
      ),
    );
    // ca: U1 (F1), U2 (FC, 22 km), U4 (NLF); ca-nb: U1 (P2), U2 (PC), U3 (P1, 22 km).
    expect(rows.get('ca')).toMatchObject({ population_within: 3500, points: 3, points_approximate: 1 });
    expect(rows.get('ca-nb')).toMatchObject({ population_within: 6000, points: 4, points_approximate: 1 });
    expect(res.body.population_total).toBeGreaterThanOrEqual(6500);
    const cats = await request(app).get('/api/coverage/breakdown?by=category&threshold_km=50&lang=fr').expect(200);
    expect(cats.body.results.map((r: { id: string }) => r.id).sort()).toEqual(['health_card', 'passport']);
    const csv = await request(app).get('/api/coverage/breakdown?by=level&format=csv').expect(200);
    expect(csv.text).toContain('federal');
    await request(app).get('/api/coverage/breakdown?by=colour').expect(400);
  });

  it('lets analysts choose the candidate set of suggested sites, e.g. First Nations and Inuit communities only', async () => {
    // Within 20 km of federal points, U2 (a First Nations community, 22 km from FC) is a gap.
    const res = await request(app)
      .get('/api/partnerships/suggest?level=federal&threshold_km=20&k=3&candidates=indigenous_communities')
      .expect(200);
    expect(res.body.candidates).toBe('indigenous_communities');
    expect(res.body.results).toHaveLength(1);
    expect(res.body.results[0]).toMatchObject({
      candidate_id: 'unit:U2',
      name: 'Unit two',
      newly_covered_population: 2000,
    });
    const units = await request(app)
      .get('/api/partnerships/suggest?level=federal&threshold_km=20&k=3&candidates=units')
      .expect(200);
    expect(units.body.candidates_considered).toBeGreaterThan(res.body.candidates_considered);
    expect(units.body.results[0].candidate_id).toMatch(/^unit:/);
    const layer = await request(app)
      .get('/api/layers/suggested_sites/features?level=federal&threshold_km=20&k=3&candidates=indigenous_communities')
      .expect(200);
    expect(layer.body.results.map((r: { id: string }) => r.id)).toEqual(['unit:U2']);
    await request(app).get('/api/partnerships/suggest?candidates=everywhere').expect(400);
  });
});

describe('the index of remoteness', () => {
  // A hand-worked case on one meridian: C1 (10,000 people) at 0°, C2 (1,000) at 1° N, V (100) at 2° N.
  // One degree is 111.195 km on the product's sphere; C1 and C2 are centres (≥ 1,000), V is not;
  // a centre's own distance counts as 1 km.
  //   A(C1) = 10000/1 + 1000/111.195          = 10008.993
  //   A(C2) = 10000/111.195 + 1000/1          =  1089.932
  //   A(V)  = 10000/222.390 + 1000/111.195    =    53.959
  //   IR    = 1 − (ln A − ln 53.959) / (ln 10008.993 − ln 53.959): C1 0, C2 0.42454, V 1.
  const units = [
    { id: 'C1', lon: 0, lat: 0, population: 10000 },
    { id: 'C2', lon: 0, lat: 1, population: 1000 },
    { id: 'V', lon: 0, lat: 2, population: 100 },
  ];

  it('follows the gravity formula on straight-line distances', () => {
    const r = remotenessIndex(units);
    expect(r.get('C1')?.accessibility).toBeCloseTo(10008.993, 2);
    expect(r.get('C2')?.accessibility).toBeCloseTo(1089.932, 2);
    expect(r.get('V')?.accessibility).toBeCloseTo(53.959, 2);
    expect(r.get('C1')?.index).toBeCloseTo(0, 6);
    expect(r.get('C2')?.index).toBeCloseTo(0.42454, 4);
    expect(r.get('V')?.index).toBeCloseTo(1, 6);
    expect(r.get('V')?.centres).toBe(2);
  });

  it('counts only centres within the bound, and a unit with none is the most remote', () => {
    const r = remotenessIndex([...units, { id: 'FAR', lon: 0, lat: 20, population: 50 }], { boundKm: 150 });
    // With a 150 km bound, V (222 km from C1) sees only C2.
    expect(r.get('V')?.accessibility).toBeCloseTo(1000 / 111.195, 3);
    expect(r.get('FAR')).toMatchObject({ accessibility: 0, centres: 0, index: 1 });
  });
});
