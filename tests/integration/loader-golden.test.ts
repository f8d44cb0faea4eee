import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDir, planDir } from '../../data-loaders/load-dir.js';
import { loadNpmGazetteer, NPM_GAZETTEER_SOURCE } from '../../data-loaders/sources/gazetteer-npm.js';
import type { LoadResult } from '../../data-loaders/sources/source.js';
import { MODES, SHARED_DATA, openTestDatabase, sharedFile, type TestDatabase } from '../support/test-database.js';

/** Statistics Canada's published 2021 census population of Canada. */
const CANADA_2021 = 36_991_981;

if (!SHARED_DATA) console.warn('Skipping the golden loader tests: ../shared/data is not present.');

/** The population column of the CWB file summed the plain way, to compare the loader against. */
function cwbFileTotal(file: string): number {
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/).filter(Boolean);
  const header = lines[0]!.split(',');
  const col = header.findIndex((h) => /population/i.test(h));
  let total = 0;
  for (const line of lines.slice(1)) {
    // The name column may hold a quoted comma: count fields from the right.
    const cells = line.split(',');
    const fromRight = header.length - col;
    const v = cells[cells.length - fromRight] ?? '';
    if (/^\d+$/.test(v)) total += Number(v);
  }
  return total;
}

describe.skipIf(!SHARED_DATA).each(MODES)(
  'every real file in ../shared/data through npm run load --dir, on %s',
  (mode) => {
    let t: TestDatabase;
    let results: LoadResult[] = [];
    let unrecognised: string[] = [];
    const log = () => undefined;
    const result = (id: string) => results.find((r) => r.source === id);

    beforeAll(async () => {
      t = await openTestDatabase(mode);
      await loadNpmGazetteer(t.db);
      ({ results, unrecognised } = await loadDir({ db: t.db, log }, SHARED_DATA!));
      for (const r of results) {
        const g = r.report?.geocode;
        console.log(
          `[${mode}] ${r.source}: ${r.status}, ${r.rows} rows, ${r.accepted} accepted, ${r.rejected} rejected` +
            (g
              ? `; located by source ${g.source}, postal code ${g.postal_code}, community ${g.community}, not located ${g.none}`
              : `; ${r.detail}`),
        );
      }
    }, 600_000);
    afterAll(() => t?.cleanup());

    it('recognises every data file it has an adapter for, in dependency order, and lists the rest', () => {
      const { plan } = planDir(SHARED_DATA!);
      expect(plan.map((p) => p.source.order)).toEqual([...plan.map((p) => p.source.order)].sort((a, b) => a - b));
      expect(results.filter((r) => r.status === 'failed')).toEqual([]);
      expect(unrecognised).toContain('PROVENANCE.md');
      for (const u of unrecognised) expect(plan.some((p) => p.file.endsWith(u))).toBe(false);
    });

    it('Service Canada: every office row stored or rejected, and how each was located', async () => {
      const r = result('service-canada-offices');
      expect(r?.report).toBeDefined();
      const rep = r!.report!;
      expect(rep.rows).toBe(595);
      expect(rep.accepted + rep.rejected).toBe(rep.rows);
      expect(rep.geocode.source + rep.geocode.postal_code + rep.geocode.community + rep.geocode.none).toBe(
        rep.accepted,
      );
      // file-pages.csv carries postal codes for the 113 BC and AB offices.
      expect(rep.geocode.postal_code).toBe(113);
      const stored = await t.db.query<{ n: number; located: number }>(
        "SELECT count(*)::int AS n, count(geog)::int AS located FROM service_points WHERE feed_id = 'service-canada-offices' AND is_published",
      );
      expect(stored.rows[0]).toEqual({ n: rep.accepted, located: rep.located });
    });

    it('ServiceOntario: 882 records, located by city only, nothing dropped silently', async () => {
      const rep = result('serviceontario-locations')!.report!;
      expect(rep.rows).toBe(882);
      expect(rep.accepted + rep.rejected).toBe(882);
      expect(rep.geocode.source + rep.geocode.postal_code).toBe(0);
      expect(rep.byCode['not_located'] ?? 0).toBe(rep.geocode.none);
      const kinds = await t.db.query<{ n: number }>(
        "SELECT count(DISTINCT extra->>'location_type')::int AS n FROM service_points WHERE feed_id = 'serviceontario-locations' AND is_published",
      );
      expect(kinds.rows[0]!.n).toBe(9);
    });

    it.skipIf(!sharedFile('indigenous', 'cwb-2021', 'CWB_2021.csv'))(
      'CWB 2021: 5,161 units summing to the published 2021 census total, replacing the npm fallback',
      async () => {
        const fileTotal = cwbFileTotal(sharedFile('indigenous', 'cwb-2021', 'CWB_2021.csv')!);
        const loaded = await t.db.query<{ units: number; population: number; located: number; fallback: number }>(
          `SELECT count(*)::int AS units, coalesce(sum(population), 0)::bigint AS population, count(point)::int AS located,
              (SELECT count(*)::int FROM population_units WHERE source = $1) AS fallback
       FROM population_units WHERE source = 'cwb-2021'`,
          [NPM_GAZETTEER_SOURCE],
        );
        const l = loaded.rows[0]!;
        console.log(
          `[${mode}] CWB 2021: ${l.units} units, population ${l.population.toLocaleString('en-CA')} ` +
            `(published 2021 total ${CANADA_2021.toLocaleString('en-CA')}; the file lacks ${(CANADA_2021 - fileTotal).toLocaleString('en-CA')}); ` +
            `${l.located} located, ${l.units - l.located} without a point`,
        );
        expect(l.units).toBe(5161);
        // The loader keeps every person of the file, and the file is the whole 2021 census: its
        // sum is Statistics Canada's published total, a figure from outside this code.
        expect(Number(l.population)).toBe(fileTotal);
        expect(Number(l.population)).toBe(CANADA_2021);
        expect(l.units).toBe(5161);
        expect(l.fallback).toBe(0);
        const by = await t.db.query<{ located_by: string | null; n: number }>(
          "SELECT indicators->>'located_by' AS located_by, count(*)::int AS n FROM population_units WHERE source = 'cwb-2021' GROUP BY 1 ORDER BY 1",
        );
        console.log(
          `[${mode}] CWB 2021 located by: ${by.rows.map((b) => `${b.located_by ?? 'none'} ${b.n}`).join(', ')}`,
        );
        const types = await t.db.query<{ t: string; n: number }>(
          "SELECT indicators->>'community_type' AS t, count(*)::int AS n FROM population_units WHERE source = 'cwb-2021' GROUP BY 1 ORDER BY 1",
        );
        // Trailing spaces in "First Nations Community " are trimmed (PROVENANCE.md counts).
        expect(types.rows).toEqual([
          { t: 'first_nations', n: 1066 },
          { t: 'inuit', n: 75 },
          { t: 'non_indigenous', n: 4020 },
        ]);
        // A unit with its own polygon has its point inside it.
        const inside = await t.db.query<{ n: number; bad: number }>(
          `SELECT count(*)::int AS n, count(*) FILTER (WHERE NOT ST_Intersects(geom, ST_Buffer(point, 0.01)))::int AS bad
       FROM population_units WHERE source = 'cwb-2021' AND geom IS NOT NULL`,
        );
        expect(inside.rows[0]!.n).toBeGreaterThan(1000);
        expect(inside.rows[0]!.bad).toBe(0);
      },
    );

    it('gazetteer, boundaries and FSA population are in place', async () => {
      const places = await t.db.query<{ kind: string; n: number }>(
        'SELECT kind, count(*)::int AS n FROM places GROUP BY kind ORDER BY kind',
      );
      const by = Object.fromEntries(places.rows.map((p) => [p.kind, p.n]));
      expect(by['indigenous_community']).toBe(result('first-nations-list')!.accepted);
      expect(by['postal_code']).toBeGreaterThanOrEqual(1643);
      const fsa = await t.db.query<{ n: number; x: number }>(
        'SELECT count(*)::int AS n, count(*) FILTER (WHERE province IS NULL)::int AS x FROM fsa_population',
      );
      // 1,641 FSAs; the Canada row is skipped; the 6 X FSAs have no single province.
      expect(fsa.rows[0]).toEqual({ n: 1641, x: 6 });
      const b = await t.db.query<{ kind: string; n: number }>(
        'SELECT kind, count(*)::int AS n FROM boundaries GROUP BY kind ORDER BY kind',
      );
      expect(Object.fromEntries(b.rows.map((r) => [r.kind, r.n]))).toEqual({
        census_consolidated_subdivision: 2338,
        economic_region: 76,
        province: 26,
      });
    });

    it('loading the same directory again publishes nothing new', async () => {
      const again = await loadDir({ db: t.db, log }, SHARED_DATA!);
      for (const id of ['service-canada-offices', 'serviceontario-locations'])
        expect(again.results.find((r) => r.source === id)?.status).toBe('unchanged');
    }, 600_000);
  },
);
