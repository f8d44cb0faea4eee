import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDir } from '../../data-loaders/load-dir.js';
import { loadNpmGazetteer } from '../../data-loaders/sources/gazetteer-npm.js';
import { testApp } from '../support/test-app.js';
import { MODES, SHARED_DATA, openTestDatabase, type TestDatabase } from '../support/test-database.js';

if (!SHARED_DATA) console.warn('Skipping the real-data atlas test: ../shared/data is not present.');

describe.skipIf(!SHARED_DATA).each(MODES)(
  'the atlas and its findings on the real files of ../shared/data, on %s',
  (mode) => {
    let t: TestDatabase;
    let app: ReturnType<typeof testApp>;
    beforeAll(async () => {
      t = await openTestDatabase(mode);
      await loadNpmGazetteer(t.db);
      await loadDir({ db: t.db, log: () => undefined }, SHARED_DATA!);
      app = testApp(t.db);
      // The first layer request builds the stored coverage and the tile index (tens of seconds on PGlite).
      await request(app).get('/api/layers/cwb/features?limit=1').expect(200);
    }, 900_000);
    afterAll(() => t?.cleanup());

    it(
      'draws the 2021 Community Well-Being index and community types of all 5,161 subdivisions',
      { timeout: 180_000 },
      async () => {
        const cwb = await request(app).get('/api/layers/cwb/features?limit=1').expect(200);
        // CWB 2021: 5,161 subdivisions, 779 with no published score (PROVENANCE.md).
        expect(cwb.body.summary).toMatchObject({ units: 5161, units_without_score: 779 });
        const types = await request(app).get('/api/layers/community_type/features?limit=1').expect(200);
        expect(types.body.summary.by_community_type).toEqual({ non_indigenous: 4020, first_nations: 1066, inuit: 75 });
        const communities = await request(app).get('/api/layers/indigenous_communities/features?limit=1').expect(200);
        expect(communities.body.total).toBe(1141);
        const remote = await request(app)
          .get('/api/layers/remoteness/features?sort=remoteness_index&order=desc&limit=3')
          .expect(200);
        console.log(
          `[${mode}] most remote (straight line): ${remote.body.results.map((r: { name: string; province: string; remoteness_index: number }) => `${r.name} (${r.province}) ${r.remoteness_index}`).join('; ')}`,
        );
        expect(['NU', 'NT', 'YT', 'QC', 'NL', 'MB', 'ON', 'BC']).toContain(remote.body.results[0].province);
      },
    );

    it(
      'never calls a city "federal only" where its province publishes no provincial feed',
      { timeout: 180_000 },
      async () => {
        const matrix = await request(app).get('/api/coverage/matrix').expect(200);
        const cell = (p: string, level: string) =>
          matrix.body.provinces
            .find((x: { province: string }) => x.province === p)
            .orders.find((o: { level: string }) => o.level === level);
        expect(cell('ON', 'provincial').status).toBe('published');
        expect(cell('QC', 'provincial').status).toBe('no_data');
        expect(cell('QC', 'federal').status).toBe('published');
        const res = await request(app)
          .get('/api/layers/single_order/features?level=federal,provincial&limit=10000')
          .expect(200);
        const rows = res.body.results as {
          name: string;
          province: string;
          level: string;
          single_order_class: string;
          data_status: string;
        }[];
        const montreal = rows.find((r) => r.name === 'Montréal' && r.province === 'QC');
        expect(montreal).toMatchObject({ level: 'federal', single_order_class: 'no_data', data_status: 'no_data' });
        // Outside Ontario, nothing is "only federal points": no other province publishes a provincial feed here
        // (a unit across the border from Ontario may still have only Ontario's provincial points within reach).
        for (const r of rows.filter((x) => x.province !== 'ON'))
          expect(r.single_order_class, r.name).not.toBe('federal');
        expect(rows.filter((r) => r.province !== 'ON' && r.level === 'federal').length).toBeGreaterThan(100);
        console.log(`[${mode}] single order (federal, provincial): ${JSON.stringify(res.body.summary.by_data_status)}`);
      },
    );

    it(
      'measures co-location only between offices located at their address, and reports the rest as same community',
      { timeout: 180_000 },
      async () => {
        const res = await request(app).get('/api/layers/colocation/features?limit=10000').expect(200);
        const rows = res.body.results as {
          precision: string;
          distance_m: number | null;
          a_precision: string;
          b_precision: string;
        }[];
        for (const r of rows) {
          if (r.precision === 'measured') {
            expect([r.a_precision, r.b_precision]).toEqual(['source', 'source']);
            expect(r.distance_m).not.toBeNull();
          } else {
            expect(r.distance_m).toBeNull();
            expect([r.a_precision, r.b_precision].some((p) => p === 'postal_code' || p === 'community')).toBe(true);
          }
        }
        expect(res.body.summary.same_community_total).toBeGreaterThan(0);
        expect(rows.filter((r) => r.distance_m === 0 && r.precision !== 'measured')).toEqual([]);
        console.log(
          `[${mode}] co-location: ${res.body.summary.measured_total} measured pairs, ${res.body.summary.same_community_total} same-community pairs`,
        );
        const coverage = await request(app).get('/api/coverage?jurisdiction=ca&group_by=none').expect(200);
        const p = coverage.body.precision;
        console.log(
          `[${mode}] Service Canada within 50 km: ${coverage.body.pct_within}% (range ${p.pct_within_low}% to ${p.pct_within_high}% with approximate offices ±${p.margin_km} km); points ${JSON.stringify(p.points)}`,
        );
        expect(p.points.approximate).toBeGreaterThan(0);
        expect(p.population_within_low).toBeLessThanOrEqual(coverage.body.population_within);
        expect(p.population_within_high).toBeGreaterThanOrEqual(coverage.body.population_within);
      },
    );
  },
);
