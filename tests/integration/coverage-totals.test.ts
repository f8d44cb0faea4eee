import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputeCoverage } from '../../data-loaders/lib/coverage/coverage-store.js';
import { seedSyntheticPoints, seedSyntheticUnits } from '../../bench/seed.js';
import { testApp } from '../support/test-app.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';

const QUERIES = [
  '/api/coverage',
  '/api/coverage?group_by=none&threshold_km=5',
  '/api/coverage?threshold_km=250&province=ON,QC,NU',
  '/api/coverage?level=federal&threshold_km=25',
  '/api/coverage?level=municipal&group_by=none',
  '/api/coverage?jurisdiction=ca-on&threshold_km=100',
  '/api/coverage?category=passport&threshold_km=10&province=BC',
];

describe.each(MODES)('coverage totals stored at refresh on %s', (mode) => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  beforeAll(async () => {
    t = await openTestDatabase(mode);
    await seedSyntheticPoints(t.db, 400);
    await seedSyntheticUnits(t.db, 1200);
    // Some points located only at a community's or postal area's centre, some units with no population.
    await t.db.query("UPDATE service_points SET geocode_quality = 'community' WHERE pk % 5 = 0");
    await t.db.query("UPDATE service_points SET geocode_quality = 'postal_code' WHERE pk % 7 = 0");
    await t.db.query("UPDATE population_units SET population = NULL WHERE id LIKE '%3'");
    await recomputeCoverage(t.db);
    app = testApp(t.db);
  }, 180_000);
  afterAll(() => t?.cleanup());

  it('answers the default bands from the stored totals with the numbers the per-unit aggregation gives', async () => {
    const stored = [];
    for (const q of QUERIES) stored.push((await request(app).get(q).expect(200)).body);
    expect(stored[0].population_within).toBeGreaterThan(0);
    expect(stored[0].precision.units_nearest_approximate).toBeGreaterThan(0);
    expect(stored[0].precision.population_within_low).toBeLessThan(stored[0].precision.population_within_high);
    // The totals are what answers: change them and the answer follows.
    await t.db.query("UPDATE coverage_band_totals SET population = population + 1 WHERE scope = 'all' AND band = 1");
    const tampered = (await request(app).get(QUERIES[0]!).expect(200)).body;
    expect(tampered.bands[0].population).toBeGreaterThan(stored[0].bands[0].population);
    try {
      // Without totals every request aggregates the stored distances per unit: same answers.
      await t.db.query('DELETE FROM coverage_band_totals');
      for (let i = 0; i < QUERIES.length; i += 1)
        expect((await request(app).get(QUERIES[i]!).expect(200)).body, QUERIES[i]).toEqual(stored[i]);
    } finally {
      // The store as every test starts from it, whatever happened here.
      await recomputeCoverage(t.db);
    }
  }, 120_000);

  it('refreshes the totals with the coverage when points change', async () => {
    const pk = (
      await t.db.query<{ pk: string }>(
        "SELECT nearest_point_pk::text AS pk FROM coverage_distances WHERE scope = 'all' LIMIT 1",
      )
    ).rows[0]!.pk;
    await t.db.query('UPDATE service_points SET is_published = false WHERE pk = $1', [pk]);
    try {
      const stored = [];
      for (const q of QUERIES) stored.push((await request(app).get(q).expect(200)).body);
      const totals = await t.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM coverage_band_totals WHERE scope = 'all'",
      );
      expect(totals.rows[0]!.n).toBeGreaterThan(0);
      await t.db.query('DELETE FROM coverage_band_totals');
      for (let i = 0; i < QUERIES.length; i += 1)
        expect((await request(app).get(QUERIES[i]!).expect(200)).body, QUERIES[i]).toEqual(stored[i]);
    } finally {
      await t.db.query('UPDATE service_points SET is_published = true WHERE pk = $1', [pk]);
      await recomputeCoverage(t.db);
    }
  }, 120_000);
});
