import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFeedFile } from '../../data-loaders/lib/import-feed.js';
import type { FeedSpec } from '../../data-loaders/lib/point-record.js';
import { openTestDatabase, type TestDatabase } from '../support/test-database.js';

const FEED: FeedSpec = {
  id: 'hostile-structures',
  jurisdiction_id: 'ca-nb',
  name_en: 'Hostile',
  name_fr: 'Hostile',
  format: 'geojson',
};
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'finder-hostile-'));

/** Runs an import and returns its result with the time it took and how much the heap grew. */
async function bounded(db: TestDatabase['db'], name: string, text: string | Buffer) {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text);
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const r = await importFeedFile(db, FEED, file, { originalName: name, publish: true });
  return { r, ms: performance.now() - t0, heapMb: (process.memoryUsage().heapUsed - heap0) / 2 ** 20 };
}

// Deep nesting and huge structures in JSON formats: each run ends with a report, inside
// time and memory bounds that are generous for a shared machine but catch a runaway.
describe('parsers never crash on hostile structure', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase('pglite');
  });
  afterAll(async () => {
    await t?.cleanup();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('GeoJSON nested 200,000 levels deep gives a report, not a stack overflow', async () => {
    const deep = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"x","a":${'['.repeat(200_000)}${']'.repeat(200_000)}},"geometry":{"type":"Point","coordinates":[-66.6,45.9]}}]}`;
    const { r, ms, heapMb } = await bounded(t.db, 'deep.geojson', deep);
    expect(['published', 'failed', 'unchanged']).toContain(r.status);
    expect(r.report.rows + r.report.issuesTotal).toBeGreaterThan(0);
    expect(ms).toBeLessThan(60_000);
    expect(heapMb).toBeLessThan(500);
  });

  it('HSDS JSON nested deeply and with an enormous array gives a report', async () => {
    const deep = `{"id":"o","name":"Org","services":[{"id":"s","name":"S","x":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}]}`;
    const d = await bounded(t.db, 'deep-hsds.json', deep);
    expect(['published', 'failed', 'unchanged', 'staged']).toContain(d.r.status);
    const wide = `{"id":"o","name":"Org","services":[{"id":"s","name":"S","locations":[${Array.from({ length: 20_000 }, () => '1').join(',')}]}]}`;
    const w = await bounded(t.db, 'wide-hsds.json', wide);
    expect(['published', 'failed', 'unchanged', 'staged']).toContain(w.r.status);
    expect(w.ms).toBeLessThan(60_000);
  });

  it('random JSON values under a GeoJSON or HSDS name always end in a report', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), fc.constantFrom('f.geojson', 'f.json'), async (value, name) => {
        const { r } = await bounded(t.db, name, JSON.stringify(value));
        expect(['published', 'failed', 'unchanged', 'staged']).toContain(r.status);
        expect(r.report).toBeDefined();
      }),
      { numRuns: 40 },
    );
  });
});
