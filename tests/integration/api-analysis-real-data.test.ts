import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSource } from '../../data-loaders/load-dir.js';
import { csdBoundaries2011 } from '../../data-loaders/sources/boundary-sources.js';
import { cwb2021 } from '../../data-loaders/sources/cwb-2021.js';
import { fsaCentroids } from '../../data-loaders/sources/fsa-centroids.js';
import { fsaGeonames } from '../../data-loaders/sources/fsa-geonames.js';
import { loadNpmGazetteer } from '../../data-loaders/sources/gazetteer-npm.js';
import { gazetteerSimplemaps } from '../../data-loaders/sources/gazetteer-simplemaps.js';
import { serviceCanadaOffices } from '../../data-loaders/sources/service-canada-offices.js';
import { testApp } from '../support/test-app.js';
import { MODES, openTestDatabase, sharedFile, type TestDatabase } from '../support/test-database.js';

const offices = sharedFile('service-points', 'service-canada', 'file-index.csv');
const cwb = sharedFile('indigenous', 'cwb-2021', 'CWB_2021.csv');
const shapes = sharedFile('census', 'csd-2011-population', 'can.json');
const cities = sharedFile('gazetteer', 'simplemaps-canadacities', 'canadacities.csv');
const fsas = sharedFile('gazetteer', 'fsa-centroids-2021', 'postal_centroids_canada.json');
const geonamesFsas = sharedFile('gazetteer', 'fsa-geonames', 'canadianPostalCodes.json');
const ready = Boolean(offices && cwb && shapes);
if (!ready)
  console.warn(
    'Skipping the real-data coverage test: ../shared/data (Service Canada list, CWB 2021, CSD shapes) is not present.',
  );

/** Official 2021 census population of Canada; the CWB 2021 file sums to it (PROVENANCE.md). */
const CANADA_2021 = 36_991_981;

describe.skipIf(!ready).each(MODES)('coverage of Service Canada offices on the 2021 census on %s', (mode) => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  const log = () => undefined;
  beforeAll(async () => {
    t = await openTestDatabase(mode);
    await loadNpmGazetteer(t.db);
    if (cities) await runSource(gazetteerSimplemaps, { db: t.db, file: cities, log });
    if (fsas) await runSource(fsaCentroids, { db: t.db, file: fsas, log });
    if (geonamesFsas) await runSource(fsaGeonames, { db: t.db, file: geonamesFsas, log });
    await runSource(csdBoundaries2011, { db: t.db, file: shapes!, log });
    await runSource(cwb2021, { db: t.db, file: cwb!, log });
    await runSource(serviceCanadaOffices, { db: t.db, file: offices!, log });
    app = testApp(t.db);
  }, 600_000);
  afterAll(() => t?.cleanup());

  it('prints the share of the population within 50 km (straight line) of a Service Canada office', async () => {
    const res = await request(app).get('/api/coverage?group_by=province&jurisdiction=ca').expect(200);
    const c = res.body;
    const points = await t.db.query<{ n: number; located: number }>(
      "SELECT count(*)::int AS n, count(geog)::int AS located FROM service_points WHERE is_published AND feed_id = 'service-canada-offices'",
    );
    const p = points.rows[0]!;
    const byProvince = await t.db.query<{ province: string; n: number; located: number }>(
      `SELECT province, count(*)::int AS n, count(geog)::int AS located FROM service_points
       WHERE is_published AND feed_id = 'service-canada-offices' GROUP BY province ORDER BY province`,
    );
    const offices = new Map(byProvince.rows.map((r) => [r.province, r]));
    console.log(
      `[${mode}] Service Canada coverage, straight line, 50 km: ${c.pct_within}% of ${c.population_total.toLocaleString('en-CA')} people ` +
        `(${c.population_within.toLocaleString('en-CA')} within; ${c.population_not_located.toLocaleString('en-CA')} in ${c.units_not_located} unlocated subdivisions ` +
        `counted as not within; ${c.pct_within_located}% of the located population) using ${p.located} located offices of ${p.n}`,
    );
    console.log(
      `[${mode}] by province (share within 50 km; offices located of listed): ` +
        c.groups
          .map(
            (g: { id: string; pct_within: number }) =>
              `${g.id} ${g.pct_within}% (${offices.get(g.id)?.located ?? 0}/${offices.get(g.id)?.n ?? 0})`,
          )
          .join(', '),
    );
    // Every province and territory has offices in the list, and at least 85 % of them located
    // (Newfoundland and Labrador has the lowest share: 26 of 29; see docs/coverage.md).
    for (const g of c.groups as { id: string }[]) {
      const o = offices.get(g.id);
      expect(o, g.id).toBeDefined();
      expect(o!.located / o!.n, g.id).toBeGreaterThanOrEqual(0.85);
    }
    expect(byProvince.rows.reduce((sum, r) => sum + r.located, 0)).toBe(p.located);
    expect(p.located).toBeGreaterThanOrEqual(565);
    console.log(
      `[${mode}] bands: ${c.bands.map((b: { max_km: number | null; population: number }) => `<=${b.max_km ?? '∞'} km ${b.population}`).join(', ')}`,
    );
    expect(c.population_total).toBe(CANADA_2021);
    expect(c.population_within + c.population_not_located).toBeLessThanOrEqual(c.population_total);
    // Service Canada's standard is 90% within 50 km by road; a straight line is never longer than the road.
    expect(c.pct_within).toBeGreaterThanOrEqual(90);
    expect(c.pct_within).toBeLessThanOrEqual(100);
    expect(c.groups).toHaveLength(13);

    // The stored answer equals a live KNN computation of the same thing: every office serves in
    // English or French (any of), so the language filter, which the store does not keep, selects
    // the same offices and is answered live.
    const speakNeither = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM service_points WHERE is_published AND feed_id = 'service-canada-offices' AND geog IS NOT NULL AND NOT (languages && ARRAY['en','fr'])",
    );
    expect(speakNeither.rows[0]!.n).toBe(0);
    const live = await request(app).get('/api/coverage?group_by=none&jurisdiction=ca&language=en,fr').expect(200);
    const plain = await request(app).get('/api/coverage?group_by=none&jurisdiction=ca').expect(200);
    expect(live.body.source).toBe('live');
    expect(plain.body.source).toBe('stored');
    expect(live.body.population_within).toBe(plain.body.population_within);
    expect(live.body.bands).toEqual(plain.body.bands);

    const gaps = await request(app).get('/api/gaps?jurisdiction=ca&limit=5').expect(200);
    console.log(
      `[${mode}] top gaps: ${gaps.body.results.map((g: { name: string; province: string; population: number; nearest_distance_m: number }) => `${g.name} (${g.province}, ${g.population}, ${Math.round(g.nearest_distance_m / 1000)} km)`).join('; ')}`,
    );
    expect(gaps.body.total).toBeGreaterThan(0);
    const suggest = await request(app)
      .get('/api/partnerships/suggest?jurisdiction=ca&k=3&candidates=places')
      .expect(200);
    console.log(
      `[${mode}] suggested sites: ${suggest.body.results.map((s: { name: string; newly_covered_population: number }) => `${s.name} +${s.newly_covered_population}`).join('; ')}`,
    );
    expect(suggest.body.results.length).toBeGreaterThan(0);
  });
});
