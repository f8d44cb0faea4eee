import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSource } from '../../data-loaders/load-dir.js';
import { fsaCentroids } from '../../data-loaders/sources/fsa-centroids.js';
import { loadNpmGazetteer } from '../../data-loaders/sources/gazetteer-npm.js';
import { gazetteerSimplemaps } from '../../data-loaders/sources/gazetteer-simplemaps.js';
import { serviceCanadaOffices } from '../../data-loaders/sources/service-canada-offices.js';
import { MODES, openTestDatabase, sharedFile, type TestDatabase } from '../support/test-database.js';

const index = sharedFile('service-points', 'service-canada', 'file-index.csv');
const cities = sharedFile('gazetteer', 'simplemaps-canadacities', 'canadacities.csv');
const fsas = sharedFile('gazetteer', 'fsa-centroids-2021', 'postal_centroids_canada.json');
if (!index) console.warn('Skipping the Service Canada loader tests: ../shared/data is not present.');

describe.skipIf(!index).each(MODES)('Service Canada office list on %s', (mode) => {
  let t: TestDatabase;
  const log = () => undefined;
  beforeAll(async () => {
    t = await openTestDatabase(mode);
    await loadNpmGazetteer(t.db);
  });
  afterAll(() => t?.cleanup());
  // The first load, made once per database by whichever test needs it first, so either test runs alone.
  let firstLoad: ReturnType<typeof runSource> | null = null;
  const loadOnce = () =>
    (firstLoad ??= (async () => {
      if (cities) await runSource(gazetteerSimplemaps, { db: t.db, file: cities, log });
      if (fsas) await runSource(fsaCentroids, { db: t.db, file: fsas, log });
      return runSource(serviceCanadaOffices, { db: t.db, file: index!, log });
    })());

  it('stores or reports every office row, and says how each was located', async () => {
    const result = await loadOnce();
    expect(result.status).toBe('published');
    const report = result.report!;
    // 595 data rows in the file (PROVENANCE.md); every one is stored or rejected with a reason.
    expect(report.rows).toBe(595);
    expect(report.accepted + report.rejected).toBe(report.rows);
    const rejectedWithReason = new Set(report.issues.filter((i) => i.severity === 'error').map((i) => i.row));
    expect(rejectedWithReason.size).toBe(report.rejected);
    const stored = await t.db.query<{ n: number; located: number }>(
      'SELECT count(*)::int AS n, count(geog)::int AS located FROM service_points WHERE is_published',
    );
    expect(stored.rows[0]!.n).toBe(report.accepted);
    expect(stored.rows[0]!.located).toBe(report.geocoded);
    // Every unlocated row is reported, and kept.
    expect(report.issues.filter((i) => i.code === 'not_located')).toHaveLength(report.geocode.none);
    const g = report.geocode;
    console.log(
      `[${mode}] Service Canada: ${report.rows} rows, ${report.accepted} stored, ${report.rejected} rejected; ` +
        `located ${report.geocoded} (${((100 * report.geocoded) / report.accepted).toFixed(1)}%): ` +
        `postal code ${g.postal_code}, community ${g.community}, not located ${g.none}`,
    );
    // BC and AB offices carry postal codes in the page file (113 offices).
    if (fsas) expect(g.postal_code).toBeGreaterThanOrEqual(100);
    expect(report.geocoded / report.accepted).toBeGreaterThan(0.7);
  });

  it('re-loading the identical file creates no new version', async () => {
    expect((await loadOnce()).status).toBe('published');
    const again = await runSource(serviceCanadaOffices, { db: t.db, file: index!, log });
    expect(again.status).toBe('unchanged');
    const versions = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM feed_versions WHERE feed_id = 'service-canada-offices'",
    );
    expect(versions.rows[0]!.n).toBe(1);
  });
});
