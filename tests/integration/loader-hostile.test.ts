import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Gazetteer } from '../../data-loaders/lib/gazetteer.js';
import { importFeedFile, type ImportResult } from '../../data-loaders/lib/import-feed.js';
import { loadNpmGazetteer } from '../../data-loaders/sources/gazetteer-npm.js';
import { feedSpec, NB_HEADER, NB_ROWS, tmpDir, writeCsv } from '../fixtures/loaders/make-feeds.js';
import { publishGoodVersion, servedPoints } from '../fixtures/loaders/published-feed.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';

/** Every load ends in a report whose counts add up, whatever the input. */
function expectSoundReport(r: ImportResult): void {
  expect(['failed', 'published', 'staged', 'unchanged']).toContain(r.status);
  expect(r.report.accepted + r.report.rejected).toBe(r.report.rows);
  for (const i of r.report.issues) {
    expect(i.message_en.length).toBeGreaterThan(0);
    expect(i.message_fr.length).toBeGreaterThan(0);
    expect(['error', 'warning']).toContain(i.severity);
  }
  if (r.status === 'failed') expect(r.report.issues.some((i) => i.severity === 'error')).toBe(true);
}

describe.each(MODES)('hostile and odd feeds on %s', (mode) => {
  let t: TestDatabase;
  let gazetteer: Gazetteer;
  const dir = tmpDir();
  const feed = feedSpec('hostile');
  let publishedDump = '';
  const dump = () => servedPoints(t.db, feed.id);

  beforeAll(async () => {
    t = await openTestDatabase(mode);
    await loadNpmGazetteer(t.db);
    gazetteer = await Gazetteer.fromDatabase(t.db);
    // A good version is published first: nothing hostile may disturb it.
    publishedDump = await publishGoodVersion(t.db, feed, dir, gazetteer);
  }, 180_000);
  afterAll(async () => {
    await t?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('random bytes, under any name, give a report and never a crash; the published version stays as it was', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 0, maxLength: 3000 }),
        fc.constantFrom('feed.csv', 'feed.geojson', 'feed.json', 'feed'),
        async (bytes, name) => {
          const file = path.join(dir, `random-${(n += 1)}-${name}`);
          fs.writeFileSync(file, bytes);
          const r = await importFeedFile(t.db, feed, file, { originalName: name, publish: false, gazetteer });
          expectSoundReport(r);
        },
      ),
      { numRuns: 25, seed: 20261122 },
    );
    expect(await dump()).toBe(publishedDump);
  }, 300_000);

  it('random cells in a well-formed CSV: every row stored or rejected with a reason', async () => {
    let n = 0;
    const cell = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom(
        '',
        'NaN',
        'Infinity',
        '-Infinity',
        '1e400',
        '100',
        '-66.6',
        '45.9',
        '<b>x</b>',
        '\u202Eevil',
        '0',
        ' ',
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: NB_HEADER.length, maxLength: NB_HEADER.length }), {
          minLength: 1,
          maxLength: 20,
        }),
        async (rows) => {
          const file = writeCsv(path.join(dir, `cells-${(n += 1)}.csv`), NB_HEADER, rows);
          const r = await importFeedFile(t.db, feed, file, { originalName: 'cells.csv', publish: false, gazetteer });
          expectSoundReport(r);
          if (r.status === 'staged') {
            const v = await t.db.query<{ n: number; bad: number }>(
              `SELECT count(*)::int AS n, count(*) FILTER (WHERE lat NOT BETWEEN 41 AND 84 OR lon NOT BETWEEN -142 AND -52)::int AS bad
             FROM service_points WHERE feed_version_id = $1`,
              [r.versionId],
            );
            expect(v.rows[0]!.n).toBe(r.report.accepted);
            // Nothing outside Canada's box ever reaches the map.
            expect(v.rows[0]!.bad).toBe(0);
          }
        },
      ),
      { numRuns: 25, seed: 7 },
    );
  }, 300_000);

  it('a 10 MB single field is reported and its row rejected; the other rows load', async () => {
    const file = writeCsv(path.join(dir, 'huge-field.csv'), NB_HEADER, [
      NB_ROWS[0],
      ['X', 'x'.repeat(10 * 1024 * 1024), '', '', '', '', '', '', '', '', '', '', '', ''],
      NB_ROWS[2],
    ]);
    const r = await importFeedFile(t.db, feed, file, { originalName: 'huge-field.csv', publish: false, gazetteer });
    expectSoundReport(r);
    expect(r.status).toBe('staged');
    expect(r.report.rows).toBe(3);
    expect(r.report.accepted).toBe(2);
    expect(r.report.byCode['field_too_long']).toBe(1);
    // The stored report keeps a short excerpt, not the 10 MB.
    expect(JSON.stringify(r.report.toJSON()).length).toBeLessThan(20_000);
  });

  it('swapped coordinates, latitude 100, blank and half-blank coordinates, text-direction controls', async () => {
    const rows = [
      ['1', 'Swapped', '', 'Fredericton', 'NB', '', '', '', '', '-66.64', '45.96', '', '', ''],
      ['2', 'Lat 100', '', 'Moncton', 'NB', '', '', '', '', '100', '-64.8', '', '', ''],
      ['3', 'Blank', '', 'Moncton', 'NB', '', '', '', '', '', '', '', '', ''],
      ['4', 'Half blank', '', 'Moncton', 'NB', '', '', '', '', '46.1', '', '', '', ''],
      ['5', 'Paris', '', '', '', '', '', '', '', '48.85', '2.35', '', '', ''],
      ['6', 'Evil \u202Egnp.exe', '', 'Moncton', 'NB', '', '', '', '', '', '', '', '', ''],
      ['7', 'Zero island', '', 'Moncton', 'NB', '', '', '', '', '0', '0', '', '', ''],
    ];
    const file = writeCsv(path.join(dir, 'coords.csv'), NB_HEADER, rows);
    const r = await importFeedFile(t.db, feed, file, { originalName: 'coords.csv', publish: false, gazetteer });
    expectSoundReport(r);
    expect(r.report.byCode).toMatchObject({
      coordinates_swapped: 1,
      latitude_out_of_range: 1,
      coordinate_missing_pair: 1,
      outside_canada: 1,
      bidi_control: 1,
      coordinates_zero: 1,
    });
    expect(r.report.rejected).toBe(1);
    const stored = await t.db.query<{
      source_id: string;
      lon: number | null;
      lat: number | null;
      geocode_quality: string;
    }>(
      'SELECT source_id, lon, lat, geocode_quality FROM service_points WHERE feed_version_id = $1 ORDER BY source_id',
      [r.versionId],
    );
    const by = Object.fromEntries(stored.rows.map((s) => [s.source_id, s]));
    expect(by['1']).toMatchObject({ lon: -66.64, lat: 45.96, geocode_quality: 'source' });
    // Latitude 100 is never clamped to 90 by PostGIS: it is dropped and the point located by its city.
    expect(by['2']!.geocode_quality).toBe('community');
    expect(by['3']!.geocode_quality).toBe('community');
    expect(by['5']).toMatchObject({ lon: null, lat: null, geocode_quality: 'none' });
    expect(by['6']).toBeUndefined();
  });

  it('truncated CSV and truncated GeoJSON files give a report, never a crash', async () => {
    const csv = writeCsv(path.join(dir, 'whole.csv'), NB_HEADER, NB_ROWS);
    const text = fs.readFileSync(csv);
    const cut = path.join(dir, 'cut.csv');
    // Cut inside a quoted field of the last row.
    fs.writeFileSync(cut, Buffer.concat([text.subarray(0, text.lastIndexOf('"') - 3)]));
    const a = await importFeedFile(t.db, feed, cut, { originalName: 'cut.csv', publish: false, gazetteer });
    expectSoundReport(a);
    // The rows before the cut load; the cut record is reported as unreadable.
    expect(a.report.accepted).toBeGreaterThanOrEqual(1);
    expect(a.report.byCode['unreadable_row']).toBe(1);

    const geo = path.join(dir, 'cut.geojson');
    const features = NB_ROWS.map((r) => ({
      type: 'Feature',
      properties: { name: r[1] },
      geometry: { type: 'Point', coordinates: [-66.6, 45.9] },
    }));
    const full = JSON.stringify({ type: 'FeatureCollection', features });
    fs.writeFileSync(geo, full.slice(0, full.length - 40));
    const b = await importFeedFile(t.db, feed, geo, { originalName: 'cut.geojson', publish: false, gazetteer });
    expectSoundReport(b);
    expect(b.status).toBe('failed');
    expect(b.report.issues.some((i) => /truncated/.test(i.message_en))).toBe(true);

    const empty = path.join(dir, 'empty.csv');
    fs.writeFileSync(empty, '');
    const c = await importFeedFile(t.db, feed, empty, { originalName: 'empty.csv', publish: true, gazetteer });
    expect(c.status).toBe('failed');
    expect(c.report.byCode['no_rows']).toBe(1);
    expect(await dump()).toBe(publishedDump);
  });

  it('every failed attempt is in the history as a failed version with its report', async () => {
    // A feed of its own, so the history holds exactly this test's attempts.
    const own = feedSpec('hostile-history');
    const good = await publishGoodVersion(t.db, own, dir, gazetteer);
    const empty = path.join(dir, 'history-empty.csv');
    fs.writeFileSync(empty, '');
    const cut = path.join(dir, 'history-cut.geojson');
    fs.writeFileSync(cut, '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"A"');
    const headerOnly = writeCsv(path.join(dir, 'history-header.csv'), NB_HEADER, []);
    const attempts: ImportResult[] = [];
    for (const [file, name] of [
      [empty, 'empty.csv'],
      [cut, 'cut.geojson'],
      [headerOnly, 'header-only.csv'],
    ] as const) {
      const r = await importFeedFile(t.db, own, file, { originalName: name, publish: true, gazetteer });
      expect(r.status).toBe('failed');
      attempts.push(r);
    }
    const v = await t.db.query<{ status: string; source_name: string; codes: string[] }>(
      `SELECT status, source_name, ARRAY(SELECT i->>'code' FROM jsonb_array_elements(report->'issues') i) AS codes
       FROM feed_versions WHERE feed_id = $1 ORDER BY id`,
      [own.id],
    );
    expect(v.rows.map((r) => r.status)).toEqual(['published', 'failed', 'failed', 'failed']);
    // Each failed version keeps the report its load gave, error codes and all.
    v.rows.slice(1).forEach((row, i) => {
      const codes = attempts[i]!.report.issues.filter((x) => x.severity === 'error').map((x) => x.code);
      expect(codes.length).toBeGreaterThan(0);
      for (const code of codes) expect(row.codes).toContain(code);
    });
    // And the good version is still the one served.
    expect(await servedPoints(t.db, own.id)).toBe(good);
  });
});
