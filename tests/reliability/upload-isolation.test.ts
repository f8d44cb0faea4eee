import { execFile } from 'node:child_process';
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

const FEED = {
  id: 'ca-nb-crafted',
  jurisdiction_id: 'ca-nb',
  name_en: 'Crafted',
  name_fr: 'Fabriqué',
  format: 'csv' as const,
};

/** The review's upload: a header of 60,000 columns, then rows as wide. */
function wideHeaderCsv(columns = 60_000, rows = 20): Buffer {
  const header = Array.from({ length: columns }, (_, i) => `c${i}`).join(',');
  const row = Array.from({ length: columns }, () => 'x').join(',');
  return Buffer.from([header, ...Array.from({ length: rows }, () => row)].join('\n'));
}

/** Coordinate cells with thousands of spaces inside: each was a backtracking regular expression's worst case. */
function paddedCoordinatesCsv(rows = 300, pad = 6000): Buffer {
  const cell = `45${' '.repeat(pad)}.9`;
  const lines = ['id,name,city,province,lat,lon'];
  for (let i = 0; i < rows; i++) lines.push(`P${i},Office ${i},Fredericton,NB,${cell},${cell}`);
  return Buffer.from(lines.join('\n'));
}

/** A large ordinary feed: many rows for the worker to read and the parent to store. */
function largeCsv(rows = 60_000): Buffer {
  const lines = ['id,name,city,province,lat,lon'];
  for (let i = 0; i < rows; i++)
    lines.push(
      `L${i},Service office ${i},Fredericton,NB,${(45.5 + (i % 1000) / 2000).toFixed(5)},${(-66.9 + (i % 997) / 2000).toFixed(5)}`,
    );
  return Buffer.from(lines.join('\n'));
}

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
    });
    afterAll(async () => {
      await server?.close();
      await t?.cleanup();
    });

    const nearest = async () => {
      const t0 = performance.now();
      const res = await fetch(`${server.url}/api/service-points/nearest?lon=-66.64&lat=45.96&limit=5`);
      await res.arrayBuffer();
      expect(res.status).toBe(200);
      return performance.now() - t0;
    };

    it.each([
      ['a header of 60,000 columns', () => wideHeaderCsv(), 'too_many_columns'],
      ['coordinate cells padded with thousands of spaces', () => paddedCoordinatesCsv(), 'coordinate_not_number'],
      ['30,000 ordinary rows', () => largeCsv(30_000), null],
    ] as const)(
      'never stalls the server’s request thread more than 100 ms beyond idle, nearest answering throughout, during an upload of %s',
      async (label, make, code) => {
        const file = path.join(os.tmpdir(), `finder-crafted-${process.pid}.csv`);
        fs.writeFileSync(file, make());
        // The machine's own noise (other processes share its two cores): the worst answer and the
        // longest stall of this thread over 3 s with no upload. The upload may add at most 100 ms.
        const idle = monitorEventLoopDelay({ resolution: 5 });
        idle.enable();
        const until = performance.now() + 3000;
        let idleWorst = 0;
        while (performance.now() < until) {
          idleWorst = Math.max(idleWorst, await nearest());
          await new Promise((r) => setTimeout(r, 5));
        }
        idle.disable();
        const idleStall = idle.max / 1e6;

        // The steward's upload comes from another process (curl), as it would: this thread is the server's.
        const eld = monitorEventLoopDelay({ resolution: 5 });
        eld.enable();
        let done = false;
        const upload = new Promise<string>((resolve, reject) => {
          execFile(
            'curl',
            [
              '-sS',
              '-H',
              `Authorization: Bearer ${key}`,
              '-F',
              `file=@${file};filename=crafted.csv`,
              `${server.url}/api/feeds/ca-nb-crafted/versions`,
            ],
            { maxBuffer: 16 * 1024 * 1024 },
            (err, stdout) => (err ? reject(err) : resolve(stdout)),
          );
        }).finally(() => {
          done = true;
        });
        const during: number[] = [];
        while (!done) {
          during.push(await nearest());
          await new Promise((r) => setTimeout(r, 5));
        }
        eld.disable();
        const result = JSON.parse(await upload) as { status: string; issues_by_code: Record<string, number> };
        fs.rmSync(file, { force: true });
        if (code) expect(result.issues_by_code[code]).toBeGreaterThan(0);
        else expect(result.status).toBe('staged');
        const worst = Math.max(...during);
        const stall = eld.max / 1e6;
        console.log(
          `${label}: ${during.length} nearest answers during the upload, worst ${worst.toFixed(1)} ms (idle ${idleWorst.toFixed(1)} ms); ` +
            `longest stall of the server's thread ${stall.toFixed(1)} ms (idle ${idleStall.toFixed(1)} ms)`,
        );
        expect(during.length).toBeGreaterThan(0);
        // The property: the upload never holds the server's request thread (the import runs in a
        // worker). How much slower nearest answers while PostgreSQL also writes 30,000 rows on the same
        // two cores is a capacity figure, printed above and measured in the benchmarks, not a test
        // threshold: under other CI load it swings by hundreds of milliseconds either way.
        expect(stall - idleStall).toBeLessThanOrEqual(100);
      },
    );
  },
);
