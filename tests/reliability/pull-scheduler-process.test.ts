import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createPgliteDatabase } from '../../db/pglite-database.js';
import { loadConfig } from '../../server/config.js';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

describe('scheduled pulls in the real server process (embedded mode)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finder-pulls-'));
  let child: ChildProcess | undefined;
  let inside: http.Server | undefined;
  afterAll(async () => {
    child?.kill('SIGKILL');
    inside?.closeAllConnections();
    await new Promise((r) => (inside ? inside.close(r) : r(null)));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('FEED_PULLS is on by default, off on request, and nothing else', () => {
    expect(loadConfig({}).FEED_PULLS).toBe('on');
    expect(loadConfig({}).FEED_PULL_POLL_SECONDS).toBe(60);
    expect(loadConfig({ FEED_PULLS: 'off' }).FEED_PULLS).toBe('off');
    expect(() => loadConfig({ FEED_PULLS: 'maybe' })).toThrow(/FEED_PULLS/);
    expect(() => loadConfig({ FEED_PULL_POLL_SECONDS: '1' })).toThrow(/FEED_PULL_POLL_SECONDS/);
  });

  it('starts with the server, runs a due pull on its timer under the production address rules, and stops on SIGTERM', async () => {
    // A service on loopback standing for an internal one: a real server must never fetch it.
    const hits: string[] = [];
    inside = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('id,name,lat,lon\nSECRET,Internal,45.9,-66.6\n');
    });
    await new Promise<void>((r) => inside!.listen(0, '127.0.0.1', r));
    const insidePort = (inside.address() as { port: number }).port;

    fs.cpSync(inject('pgliteTemplate'), dir, { recursive: true });
    const setup = await createPgliteDatabase(dir);
    await setup.query(
      `INSERT INTO feeds (id, jurisdiction_id, name_en, name_fr, format, source_url)
       VALUES ('ca-nb-due', 'ca-nb', 'Due', 'Due', 'csv', $1)`,
      [`http://127.0.0.1:${insidePort}/offices.csv`],
    );
    await setup.query(
      `INSERT INTO feed_pull_schedules (feed_id, jurisdiction_id, interval_minutes, next_run_at)
       VALUES ('ca-nb-due', 'ca-nb', 60, now() - interval '1 minute')`,
    );
    await setup.close();

    const port = await freePort();
    let output = '';
    child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: {
        ...process.env,
        DATABASE_URL: '',
        DATA_DIR: dir,
        PORT: String(port),
        LOG_LEVEL: 'info',
        FEED_PULL_POLL_SECONDS: '5',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (output += String(d)));
    child.stderr!.on('data', (d) => (output += String(d)));
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    for (let i = 0; i < 480 && !output.includes('"msg":"scheduled pull"'); i += 1)
      await new Promise((r) => setTimeout(r, 250));
    const line = output.split('\n').find((l) => l.includes('"msg":"scheduled pull"'));
    expect(line, output.slice(-2000)).toBeDefined();
    expect(JSON.parse(line!)).toMatchObject({ feed_id: 'ca-nb-due', outcome: 'failed', error_code: 'source_private' });
    expect(hits).toEqual([]);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('"msg":"stopped"');

    const after = await createPgliteDatabase(dir);
    try {
      const pulls = await after.query<{ outcome: string; error_code: string; trigger: string }>(
        `SELECT outcome, error_code, trigger FROM feed_pulls WHERE feed_id = 'ca-nb-due'`,
      );
      expect(pulls.rows).toEqual([{ outcome: 'failed', error_code: 'source_private', trigger: 'schedule' }]);
      const schedule = await after.query<{ claimed_until: Date | null; later: boolean }>(
        `SELECT claimed_until, next_run_at > now() + interval '50 minutes' AS later FROM feed_pull_schedules WHERE feed_id = 'ca-nb-due'`,
      );
      expect(schedule.rows[0]).toEqual({ claimed_until: null, later: true });
    } finally {
      await after.close();
    }
  }, 180_000);
});
