import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputeCoverage } from '../../data-loaders/lib/coverage/coverage-store.js';
import { STORED_GAPS_MAX_SHARE } from '../../data-loaders/lib/coverage/coverage-totals.js';
import { loadNpmGazetteer } from '../../data-loaders/sources/gazetteer-npm.js';
import { seedSyntheticPoints, seedSyntheticUnits } from '../../bench/seed.js';
import { testApp } from '../support/test-app.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';

// Each is answered from the units stored beyond 50 km when it asks for one stored scope at 50 km
// or beyond; the rest (nearer, several values of a filter, a live filter) read every unit's distance.
const QUERIES = [
  '/api/gaps',
  '/api/gaps?limit=7&offset=3',
  '/api/gaps?threshold_km=100&province=ON,QC,NU,BC',
  '/api/gaps?threshold_km=250&w_population=3&w_distance=0.2&w_cwb=2&w_indigenous=0&cwb_cut=70',
  '/api/gaps?level=federal',
  '/api/gaps?level=municipal&threshold_km=75&limit=1000',
  '/api/gaps?jurisdiction=ca-on&limit=20&offset=40',
  '/api/gaps?category=passport&province=BC',
  '/api/gaps?threshold_km=25',
  '/api/gaps?level=federal,provincial',
  '/api/gaps?language=fr',
  '/api/gaps?format=csv&threshold_km=60',
  '/api/partnerships/suggest',
  '/api/partnerships/suggest?k=10&threshold_km=100&lang=fr',
  '/api/partnerships/suggest?candidates=points&province=ON,QC',
  '/api/partnerships/suggest?candidates=units&level=federal',
  '/api/partnerships/suggest?candidates=indigenous_communities&threshold_km=60',
  '/api/partnerships/suggest?jurisdiction=ca-qc&k=3',
  '/api/partnerships/suggest?threshold_km=30',
  '/api/partnerships/suggest?category=passport,health_card',
];

async function answers(app: ReturnType<typeof testApp>): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const q of QUERIES) {
    const r = await request(app).get(q).expect(200);
    out.push(q.includes('format=csv') ? r.text : r.body);
  }
  return out;
}

describe.each(MODES)('gaps and suggestions from the units stored beyond 50 km on %s', (mode) => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  beforeAll(async () => {
    t = await openTestDatabase(mode);
    await seedSyntheticPoints(t.db, 400);
    await seedSyntheticUnits(t.db, 1200);
    await loadNpmGazetteer(t.db);
    // Some nearest points located only at a community's centre, some units with no population.
    await t.db.query("UPDATE service_points SET geocode_quality = 'community' WHERE pk % 5 = 0");
    await t.db.query("UPDATE population_units SET population = NULL WHERE id LIKE '%3'");
    await recomputeCoverage(t.db);
    app = testApp(t.db);
  }, 180_000);
  afterAll(() => t?.cleanup());

  it('answers from the stored far units with exactly what reading every unit gives', async () => {
    const stored = (await answers(app)) as { total: number; results: unknown[]; candidates_considered: number }[];
    const [gaps, , , , , , , , , , , , suggest] = stored;
    expect(gaps!.total).toBeGreaterThan(0);
    expect(gaps!.results.length).toBeGreaterThan(0);
    expect(suggest!.candidates_considered).toBeGreaterThan(0);
    expect(suggest!.results.length).toBeGreaterThan(0);
    // The stored far units are what answers: take them away and the default gaps go with them.
    const saved = await t.db.query("SELECT count(*)::int AS n FROM coverage_gap_distances WHERE scope = 'all'");
    expect((saved.rows[0] as { n: number }).n).toBe(gaps!.total);
    await t.db.exec(
      "CREATE TABLE gap_rows_kept AS SELECT * FROM coverage_gap_distances WHERE scope = 'all'; DELETE FROM coverage_gap_distances WHERE scope = 'all'",
    );
    expect((await request(app).get(QUERIES[0]!).expect(200)).body.total).toBe(0);
    expect((await request(app).get(QUERIES[12]!).expect(200)).body.results).toEqual([]);
    await t.db.exec('INSERT INTO coverage_gap_distances SELECT * FROM gap_rows_kept; DROP TABLE gap_rows_kept');
    expect(await answers(app)).toEqual(stored);
    // Without the markers every request reads every unit's distance: the same answers.
    await t.db.exec(
      'CREATE TABLE gap_scopes_kept AS SELECT * FROM coverage_gap_scopes; DELETE FROM coverage_gap_scopes',
    );
    const computed = await answers(app);
    for (let i = 0; i < QUERIES.length; i += 1) expect(computed[i], QUERIES[i]).toEqual(stored[i]);
    // Units stored only beyond a farther distance than the threshold do not answer it either.
    await t.db.exec(
      "INSERT INTO coverage_gap_scopes SELECT scope, CASE scope WHEN 'all' THEN 50001 ELSE beyond_m END FROM gap_scopes_kept",
    );
    await t.db.exec(
      "CREATE TABLE gap_rows_kept AS SELECT * FROM coverage_gap_distances WHERE scope = 'all'; DELETE FROM coverage_gap_distances WHERE scope = 'all'",
    );
    expect((await request(app).get(QUERIES[0]!).expect(200)).body).toEqual(gaps);
    await t.db.exec(
      `INSERT INTO coverage_gap_distances SELECT * FROM gap_rows_kept; DROP TABLE gap_rows_kept;
       DELETE FROM coverage_gap_scopes; INSERT INTO coverage_gap_scopes SELECT * FROM gap_scopes_kept; DROP TABLE gap_scopes_kept`,
    );
    expect(await answers(app)).toEqual(stored);
  }, 180_000);

  it('copies out the far units of the scopes where they are at most a quarter of the units, and only those', async () => {
    const shares = (
      await t.db.query<{ scope: string; far: number; units: number; marker: number | null; copied: number }>(
        `SELECT c.scope, count(*) FILTER (WHERE c.distance_m IS NULL OR c.distance_m > 50000)::int AS far,
           count(*)::int AS units, (SELECT s.beyond_m FROM coverage_gap_scopes s WHERE s.scope = c.scope) AS marker,
           (SELECT count(*) FROM coverage_gap_distances g WHERE g.scope = c.scope)::int AS copied
         FROM coverage_distances c GROUP BY c.scope ORDER BY c.scope`,
      )
    ).rows;
    expect(shares.length).toBeGreaterThan(20);
    for (const s of shares) {
      const kept = s.far <= STORED_GAPS_MAX_SHARE * s.units;
      expect({ scope: s.scope, marker: s.marker, copied: s.copied }).toEqual({
        scope: s.scope,
        marker: kept ? 50000 : null,
        copied: kept ? s.far : 0,
      });
    }
    // Both kinds are present in this data: national scopes with few far units, provincial ones with many.
    expect(shares.find((s) => s.scope === 'all')?.marker).toBe(50000);
    expect(shares.some((s) => s.marker === null)).toBe(true);
  });

  it('refreshes the stored far units with the coverage when points change', async () => {
    // The nearest point of the farthest gap goes away: that unit is farther still, others may join it.
    const far = (
      await t.db.query<{ pk: string }>(
        "SELECT nearest_point_pk::text AS pk FROM coverage_distances WHERE scope = 'all' ORDER BY distance_m DESC LIMIT 1",
      )
    ).rows[0]!.pk;
    const before = (await request(app).get('/api/gaps').expect(200)).body as { total: number };
    await t.db.query('UPDATE service_points SET is_published = false WHERE pk = $1', [far]);
    try {
      const stored = await answers(app);
      const markers = await t.db.query<{ beyond_m: number }>(
        "SELECT beyond_m FROM coverage_gap_scopes WHERE scope = 'all'",
      );
      expect(markers.rows).toEqual([{ beyond_m: 50000 }]);
      expect((stored[0] as { total: number }).total).toBeGreaterThanOrEqual(before.total);
      await t.db.query('DELETE FROM coverage_gap_scopes');
      const computed = await answers(app);
      for (let i = 0; i < QUERIES.length; i += 1) expect(computed[i], QUERIES[i]).toEqual(stored[i]);
    } finally {
      // The point back, and the whole store as the tests start from it (this test took its markers away).
      await t.db.query('UPDATE service_points SET is_published = true WHERE pk = $1', [far]);
      await recomputeCoverage(t.db);
    }
  }, 180_000);
});
