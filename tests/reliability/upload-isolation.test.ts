import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFeedFile } from '../../data-loaders/lib/import-feed.js';
import { importFeedFileOffThread } from '../../data-loaders/lib/import-off-thread.js';
import { MAX_COLUMNS } from '../../data-loaders/lib/read-csv.js';
import { parseCoordinate } from '../../data-loaders/lib/validate-row.js';
import { createApiKey } from '../../server/auth/api-keys.js';
import { createApp } from '../../server/app.js';
import { createLogger } from '../../server/logger.js';
import { listen } from '../support/listen.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';
import {
  hugeCellCsv,
  largeCsv,
  median,
  nearestDuringUpload,
  paddedCoordinatesCsv,
  uploadWithCurl,
  wideHeaderCsv,
} from '../support/upload-latency.js';

const FEED = {
  id: 'ca-nb-crafted',
  jurisdiction_id: 'ca-nb',
  name_en: 'Crafted',
  name_fr: 'Fabriqué',
  format: 'csv' as const,
};

describe('parsers bound every cell before a regular expression', () => {
  it('rejects a padded coordinate cell as not a number without scanning it', () => {
    // Spaces inside the cell survive trim(): the hemisphere pattern used to walk them quadratically.
    expect(parseCoordinate(`45${' '.repeat(20_000)}.9`)).toEqual({ value: null, bad: true });
    expect(parseCoordinate(`-66.${'0'.repeat(100)}`)).toEqual({ value: null, bad: true });
    expect(parseCoordinate('  66.64 W ')).toEqual({ value: -66.64, bad: false });
  });
});

describe.each(MODES)('crafted uploads on %s', (mode) => {
  let t: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    t = await openTestDatabase(mode);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finder-crafted-'));
  });
  afterAll(async () => {
    await t?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`refuses a header of more than ${MAX_COLUMNS} columns as a whole, saying so in both languages`, async () => {
    const file = path.join(dir, 'wide.csv');
    fs.writeFileSync(file, wideHeaderCsv());
    const r = await importFeedFile(t.db, FEED, file, { originalName: 'wide.csv', publish: false });
    expect(r.status).toBe('failed');
    const issue = r.report.issues.find((i) => i.code === 'too_many_columns');
    // Both languages say how many columns the file has and how many are allowed.
    for (const message of [issue?.message_en, issue?.message_fr]) {
      expect(message).toContain('60000');
      expect(message).toContain(String(MAX_COLUMNS));
    }
    expect(issue?.message_fr).not.toBe(issue?.message_en);
  });

  it(`accepts a header of exactly ${MAX_COLUMNS} columns`, async () => {
    const cols = [
      'id',
      'name',
      'city',
      'province',
      'lat',
      'lon',
      ...Array.from({ length: MAX_COLUMNS - 6 }, (_, i) => `extra${i}`),
    ];
    const file = path.join(dir, 'at-limit.csv');
    fs.writeFileSync(file, `${cols.join(',')}\nA1,Office,Fredericton,NB,45.96,-66.64${',e'.repeat(MAX_COLUMNS - 6)}\n`);
    const r = await importFeedFile(t.db, { ...FEED, id: 'ca-nb-at-limit' }, file, {
      originalName: 'at-limit.csv',
      publish: false,
    });
    expect(r.status).toBe('staged');
  });

  it('stops a worker that outgrows its time or memory, records why, and leaves nothing staged', async () => {
    const file = path.join(dir, 'large.csv');
    fs.writeFileSync(file, largeCsv(30_000));
    const timed = await importFeedFileOffThread(
      t.db,
      { ...FEED, id: 'ca-nb-limits' },
      file,
      { originalName: 'large.csv', publish: true },
      { timeLimitMs: 300 },
    );
    expect(timed.status).toBe('failed');
    expect(timed.report.issues.map((i) => i.code)).toEqual(['import_time_limit']);
    const starved = await importFeedFileOffThread(
      t.db,
      { ...FEED, id: 'ca-nb-limits' },
      file,
      { originalName: 'large.csv', publish: true },
      { maxOldGenerationSizeMb: 8 },
    );
    expect(starved.status).toBe('failed');
    expect(starved.report.issues.map((i) => i.code)).toEqual(['import_memory_limit']);
    const left = await t.db.query<{ status: string; n: number }>(
      `SELECT v.status, count(sp.id)::int AS n FROM feed_versions v LEFT JOIN service_points sp ON sp.feed_version_id = v.id
       WHERE v.feed_id = 'ca-nb-limits' GROUP BY v.status`,
    );
    expect(left.rows).toEqual([{ status: 'failed', n: 0 }]);
    const ok = await importFeedFileOffThread(t.db, { ...FEED, id: 'ca-nb-limits' }, file, {
      originalName: 'large.csv',
      publish: true,
    });
    expect(ok.status).toBe('published');
    expect(ok.report.rows).toBe(30_000);
  });
});

// PGlite is one connection: a citizen's query waits for an import's transaction to
// finish, whatever thread reads the file (docs/reliability.md); this is server mode.
describe.runIf(MODES.includes('postgis'))(
  'a citizen’s answer while a crafted upload is processed (server mode)',
  () => {
    let t: TestDatabase;
    let server: Awaited<ReturnType<typeof listen>>;
    let key: string;
    beforeAll(async () => {
      t = await openTestDatabase('postgis');
      key = (await createApiKey(t.db, 'ca-nb', 'test')).key;
      const app = createApp({
        db: t.db,
        config: {
          CLIENT_DIST: path.resolve('dist/client'),
          BASEMAP_STYLE_URL: undefined,
          RATE_LIMIT_PER_MIN: 0,
          WRITE_RATE_LIMIT_PER_MIN: 0,
        },
        logger: createLogger('silent'),
      });
      server = await listen(app);
      const created = await fetch(`${server.url}/api/feeds`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ jurisdiction_id: 'ca-nb', id: 'ca-nb-crafted', name: 'Crafted' }),
      });
      expect(created.status).toBe(201);
      // Citizens' answers have points in them: a published feed around the search point.
      const file = path.join(os.tmpdir(), `finder-citizens-${process.pid}.csv`);
      fs.writeFileSync(file, largeCsv(500));
      const seeded = await fetch(`${server.url}/api/feeds`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ jurisdiction_id: 'ca-nb', id: 'ca-nb-offices', name: 'Offices' }),
      });
      expect(seeded.status).toBe(201);
      const published = JSON.parse(await uploadWithCurl(server.url, key, 'ca-nb-offices', file, '?publish=true')) as {
        status: string;
      };
      fs.rmSync(file, { force: true });
      expect(published.status).toBe('published');
      // The answer a citizen gets names offices (the nearest index has caught up with the publish).
      let answered = 0;
      for (let i = 0; i < 100 && answered < 5; i++) {
        const r = (await (
          await fetch(`${server.url}/api/service-points/nearest?lon=-66.64&lat=45.96&limit=5`)
        ).json()) as {
          results?: unknown[];
        };
        answered = r.results?.length ?? 0;
        if (answered < 5) await new Promise((res) => setTimeout(res, 100));
      }
      expect(answered).toBe(5);
    });
    afterAll(async () => {
      await server?.close();
      await t?.cleanup();
    });

    // Up to three attempts: a regression (the import back on this thread) fails every one, while a
    // burst of other work on the shared machine during one upload does not fail the property.
    const ATTEMPTS = 3;

    it.each([
      ['a header of 60,000 columns', () => wideHeaderCsv(), 'too_many_columns'],
      ['a cell of 15 MiB', () => hugeCellCsv(), null],
      ['coordinate cells padded with thousands of spaces', () => paddedCoordinatesCsv(), 'coordinate_not_number'],
      ['30,000 ordinary rows', () => largeCsv(30_000), null],
    ] as const)(
      'delays no citizen’s nearest answer by more than 100 ms (median and worst, against idle measured around it) during an upload of %s',
      { timeout: 240_000 },
      async (label, make, code) => {
        const file = path.join(os.tmpdir(), `finder-crafted-${process.pid}.csv`);
        fs.writeFileSync(file, make());
        const tries: string[] = [];
        let passed = false;
        try {
          for (let attempt = 1; attempt <= ATTEMPTS && !passed; attempt++) {
            // This thread is the server's: its longest stall in each window, with and without the upload.
            const windows = {
              before: monitorEventLoopDelay({ resolution: 5 }),
              during: monitorEventLoopDelay({ resolution: 5 }),
              after: monitorEventLoopDelay({ resolution: 5 }),
            };
            const m = await nearestDuringUpload(
              server.url,
              () => uploadWithCurl(server.url, key, 'ca-nb-crafted', file),
              {
                onWindow: (w) => {
                  for (const h of Object.values(windows)) h.disable();
                  if (w !== 'end') windows[w].enable();
                },
              },
            );
            const result = JSON.parse(m.answer) as { status: string; issues_by_code: Record<string, number> };
            if (code) expect(result.issues_by_code[code]).toBeGreaterThan(0);
            else expect(['staged', 'failed']).toContain(result.status);
            expect(m.during.length).toBeGreaterThan(0);
            const f = {
              idleMedian: median(m.idle),
              idleWorst: Math.max(...m.idle),
              median: median(m.during),
              worst: Math.max(...m.during),
              idleStall: Math.max(windows.before.max, windows.after.max) / 1e6,
              stall: windows.during.max / 1e6,
            };
            passed = f.median <= f.idleMedian + 100 && f.worst <= f.idleWorst + 100 && f.stall <= f.idleStall + 100;
            tries.push(
              `${label}, attempt ${attempt}: ${m.during.length} nearest answers during the upload (${result.status}), ` +
                `median ${f.median.toFixed(1)} ms, worst ${f.worst.toFixed(1)} ms; idle (${m.idle.length} around it) ` +
                `median ${f.idleMedian.toFixed(1)} ms, worst ${f.idleWorst.toFixed(1)} ms; longest stall of the server's ` +
                `thread ${f.stall.toFixed(1)} ms (idle ${f.idleStall.toFixed(1)} ms)${passed ? '' : ' — over the bound'}`,
            );
          }
        } finally {
          fs.rmSync(file, { force: true });
          console.log(tries.join('\n'));
        }
        // The property, measured as a citizen sees it: with the upload in progress, the median and the
        // worst nearest answer are each within 100 ms of the same measure with no upload, and the
        // server's thread never stalls 100 ms longer than it does idle.
        expect(tries.at(-1)).not.toContain('over the bound');
      },
    );
  },
);
