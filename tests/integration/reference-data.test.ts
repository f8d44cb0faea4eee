import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readReferenceData, REFERENCE_DIR, REFERENCE_FILES } from '../../data-loaders/lib/reference-data.js';
import { loadNpmGazetteer, NPM_GAZETTEER_SOURCE } from '../../data-loaders/sources/gazetteer-npm.js';
import { referenceData } from '../../data-loaders/sources/reference-data.js';
import { buildReferenceData } from '../../scripts/build-reference-data.js';
import { MODES, openTestDatabase, SHARED_DATA, type TestDatabase } from '../support/test-database.js';

/** The 2021 Census population of Canada. */
const CANADA_2021 = 36_991_981;
/** The 1,641 FSAs of the 2016 table: 2 fewer than its Canada row (35,151,728), as published. */
const FSAS_2016 = 35_151_726;
const data = readReferenceData();
const readme = fs.readFileSync(path.join(REFERENCE_DIR, 'README.md'), 'utf8');
const matching = fs.readFileSync(path.join(REFERENCE_DIR, REFERENCE_FILES.matching), 'utf8');

describe('the reference data shipped in data/', () => {
  it('holds the 5,161 census subdivisions of CWB 2021 and the whole 2021 population, each with a point and how it was found', () => {
    expect(data.units).toHaveLength(5161);
    expect(data.units.reduce((s, u) => s + (u.population ?? 0), 0)).toBe(CANADA_2021);
    expect(new Set(data.units.map((u) => u.csd_code)).size).toBe(5161);
    const types = new Map<string, number>();
    for (const u of data.units) types.set(String(u.community_type), (types.get(String(u.community_type)) ?? 0) + 1);
    expect(Object.fromEntries(types)).toEqual({ non_indigenous: 4020, first_nations: 1066, inuit: 75 });
    expect(data.units.filter((u) => u.cwb === null)).toHaveLength(779);
    for (const u of data.units) {
      expect(u.lon, u.csd_code).toBeGreaterThan(-142);
      expect(u.lon, u.csd_code).toBeLessThan(-52);
      expect(u.lat, u.csd_code).toBeGreaterThan(41.6);
      expect([
        'csd_polygon',
        'gazetteer_csd_code',
        'gazetteer_name',
        'ccs_polygon',
        'census_division_nearest_code',
      ]).toContain(u.located_by);
    }
    const montreal = data.units.find((u) => u.csd_code === '2466023')!;
    expect(montreal).toMatchObject({ name: 'Montréal', province: 'QC' });
    expect(montreal.population).toBeGreaterThan(1_700_000);
  });

  it('has a simplified polygon for exactly the units matched to their own 2011 shape, and lists every approximate unit', () => {
    const flagged = data.units.filter((u) => u.polygon);
    expect(flagged.length).toBe(data.polygons.size);
    expect(flagged.every((u) => u.located_by === 'csd_polygon')).toBe(true);
    const approximate = data.units.filter((u) => u.located_by === 'census_division_nearest_code');
    expect(approximate.length).toBeGreaterThan(0);
    for (const u of approximate) expect(matching).toContain(`| ${u.csd_code} | ${u.name} |`);
    expect(readme).toContain(
      `${approximate.length.toLocaleString('en-CA')} units placed at \`census_division_nearest_code\``,
    );
  });

  it('has every FSA with its 2021 point and 2016 population, and First Nations without their mailing addresses', () => {
    const located = data.fsas.filter((f) => f.lon !== null);
    expect(located).toHaveLength(1643);
    expect(data.fsas.find((f) => f.fsa === 'E3B')).toMatchObject({ province: 'NB' });
    expect(data.fsas.reduce((s, f) => s + (f.population_2016 ?? 0), 0)).toBe(FSAS_2016);
    expect(data.firstNations).toHaveLength(637);
    const raw = fs.readFileSync(path.join(REFERENCE_DIR, REFERENCE_FILES.firstNations), 'utf8');
    expect(raw.split('\n')[0]).toBe('band_number,name,province,lon,lat,precision,name_repaired');
    expect(raw).not.toMatch(/PO BOX|GENERAL DELIVERY|\uFFFD/i);
    expect(data.firstNations.find((n) => n.band_number === 71)).toMatchObject({
      name: 'Premiere Nation des Abenakis de Wôlinak',
      name_repaired: true,
      precision: 'postal_code',
    });
    for (const n of data.firstNations.filter((x) => x.precision === 'none'))
      expect(matching).toContain(`${n.name} (band ${n.band_number}`);
  });

  it('names its sources, licences and attribution, and stays small', () => {
    for (const text of [
      'Open Government Licence – Canada',
      'Statistics Canada Open Licence',
      'CC BY 4.0',
      'Contains information licensed under the Open Government Licence – Canada.',
      'This does not constitute an endorsement by Statistics Canada',
      'GeoNames',
      '2011 Census',
      '2016 Census',
      '2021',
      'U+FFFD',
      'Wôlinak',
    ]) {
      expect(readme).toContain(text);
    }
    const total = fs.readdirSync(REFERENCE_DIR).reduce((s, f) => s + fs.statSync(path.join(REFERENCE_DIR, f)).size, 0);
    expect(total).toBeLessThan(5 * 1024 * 1024);
    expect(fs.readdirSync(REFERENCE_DIR).some((f) => /service|ontario|canada-offices/i.test(f))).toBe(false);
  });
});

if (!SHARED_DATA)
  console.warn('Skipping the reference data rebuild: ../shared/data (the official files) is not present.');

describe.skipIf(!SHARED_DATA)('npm run build:reference', () => {
  let out: string;
  beforeAll(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'reference-rebuild-'));
  });
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it('rebuilds every committed file byte for byte from the official files', async () => {
    const r = await buildReferenceData({ sharedDir: SHARED_DATA!, outDir: out });
    expect(r).toMatchObject({ units: 5161, population: CANADA_2021 });
    for (const f of Object.values(REFERENCE_FILES)) {
      const built = fs.readFileSync(path.join(out, f));
      expect(built.equals(fs.readFileSync(path.join(REFERENCE_DIR, f))), `${f} differs from the build`).toBe(true);
    }
  }, 300_000);
});

describe.each(MODES)('npm run load -- reference on %s', (mode) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(mode);
  });
  afterAll(() => t?.cleanup());

  // Loads every reference file twice: about 30 s on PGlite alone, past a minute on a busy machine.
  it(
    'replaces the npm fallback units with the census units, keeps the indicator keys the analysis reads, and adds FSAs and First Nations',
    { timeout: 300_000 },
    async () => {
      await loadNpmGazetteer(t.db);
      const r = await referenceData.load({ db: t.db, log: () => undefined });
      expect(r.status).toBe('loaded');
      const units = await t.db.query<{ source: string; n: number; people: number; shapes: number; points: number }>(
        'SELECT source, count(*)::int AS n, sum(population)::bigint AS people, count(geom)::int AS shapes, count(point)::int AS points FROM population_units GROUP BY source',
      );
      expect(units.rows).toEqual([
        { source: 'cwb-2021', n: 5161, people: CANADA_2021, shapes: data.polygons.size, points: 5161 },
      ]);
      const valid = await t.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM population_units WHERE geom IS NOT NULL AND ST_IsValid(geom)',
      );
      expect(valid.rows[0]!.n).toBe(data.polygons.size);
      const wolinak = await t.db.query<{ indicators: Record<string, unknown> }>(
        "SELECT indicators FROM population_units WHERE id = 'csd-2021-2466023'",
      );
      expect(Object.keys(wolinak.rows[0]!.indicators).sort()).toEqual([
        'census_year',
        'community_type',
        'csd_code',
        'cwb',
        'education',
        'housing',
        'income',
        'labour_force_activity',
        'located_by',
      ]);
      expect(wolinak.rows[0]!.indicators).toMatchObject({
        csd_code: '2466023',
        census_year: 2021,
        community_type: 'non_indigenous',
      });
      const places = await t.db.query<{ source: string; kind: string; n: number }>(
        'SELECT source, kind, count(*)::int AS n FROM places GROUP BY 1, 2 ORDER BY 1',
      );
      expect(places.rows).toEqual([
        // Every First Nation the shipped file locates (the others have no point to place).
        {
          source: 'first-nations-list',
          kind: 'indigenous_community',
          n: data.firstNations.filter((x) => x.precision !== 'none').length,
        },
        { source: 'fsa-centroids-2021', kind: 'postal_code', n: 1643 },
        { source: NPM_GAZETTEER_SOURCE, kind: 'community', n: expect.any(Number) },
      ]);
      const fsa = await t.db.query<{ n: number; people: number }>(
        'SELECT count(*)::int AS n, sum(population)::bigint AS people FROM fsa_population',
      );
      expect(fsa.rows[0]).toEqual({ n: 1641, people: FSAS_2016 });
      // Loading it again changes nothing.
      await referenceData.load({ db: t.db, log: () => undefined });
      const again = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM population_units');
      expect(again.rows[0]!.n).toBe(5161);
    },
  );
});
