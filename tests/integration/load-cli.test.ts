import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPgliteDatabase } from '../../db/pglite-database.js';

const run = promisify(execFile);

/** `npm run load -- ARGS` on an embedded database of its own: exit code and output. */
async function load(dataDir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, ['--import', 'tsx', 'scripts/load.ts', ...args], {
      env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
      timeout: 120_000,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('the loaders’ command line (npm run load)', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'finder-cli-'));
  const dataDir = path.join(tmp, 'data');
  beforeAll(() => {
    fs.cpSync(inject('pgliteTemplate'), dataDir, { recursive: true });
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('--list names every source with its official address, licence and attribution', async () => {
    const r = await load(dataDir, '--list');
    expect(r.code).toBe(0);
    for (const id of ['service-canada-offices', 'serviceontario-locations', 'cwb-2021', 'gazetteer-npm'])
      expect(r.stdout).toContain(id);
    expect(r.stdout).toContain('Contains information licensed under the Open Government Licence – Canada');
  });

  it('loads a generic feed from a file and ends with a summary table', async () => {
    const file = path.join(tmp, 'centres.csv');
    fs.writeFileSync(
      file,
      'nom;adresse;latitude;longitude\nCentre de Dieppe;333 av. Acadie;46.08;-64.69\nCentre de Bathurst;275 rue Main;47.62;-65.65\n',
    );
    const r = await load(
      dataDir,
      'feed',
      '--file',
      file,
      '--feed-id',
      'cli-test',
      '--jurisdiction',
      'ca-nb',
      '--name',
      'CLI test',
    );
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^source\s+status\s+rows\s+accepted\s+rejected\s+rows\/s\s+detail$/);
    expect(lines.find((l) => l.startsWith('feed'))).toMatch(/^feed:cli-test\s+published\s+2\s+2\s+0\b/);
    const db = await createPgliteDatabase(dataDir);
    try {
      const n = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM service_points WHERE feed_id = 'cli-test' AND is_published`,
      );
      expect(n.rows[0]!.n).toBe(2);
    } finally {
      await db.close();
    }
  });

  it('`npm run load -- reference` loads the shipped census units, FSAs and First Nations', async () => {
    const r = await load(dataDir, 'reference');
    expect(r.code).toBe(0);
    // Rows: the 5,161 census units, the 1,643 FSAs and every First Nation the shipped file locates.
    const firstNations = fs.readFileSync(path.resolve('data/first-nations.csv'), 'utf8').trim().split('\n').slice(1);
    const rows = 5161 + 1643 + firstNations.filter((line) => !line.includes(',none,')).length;
    expect(r.stdout).toMatch(new RegExp(`^reference\\s+loaded\\s+${rows}\\s+${rows}\\s+0\\b`, 'm'));
    expect(r.stdout).toContain('5161 census subdivisions (population 36991981');
    const db = await createPgliteDatabase(dataDir);
    try {
      const n = await db.query<{ n: number; people: number }>(
        `SELECT count(*)::int AS n, sum(population)::bigint AS people FROM population_units`,
      );
      expect(n.rows[0]).toEqual({ n: 5161, people: 36_991_981 });
    } finally {
      await db.close();
    }
  });

  it('exits non-zero when a load fails, and 2 for an unknown source', async () => {
    const missing = await load(dataDir, 'service-canada-offices', '--file', path.join(tmp, 'no-such-file.csv'));
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/service-canada-offices\s+failed/);
    const unknown = await load(dataDir, 'no-such-source');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown source "no-such-source"');
  });
});
