import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

describe('graceful shutdown of the real server process', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finder-shutdown-'));
  let child: ChildProcess | undefined;
  let output = '';
  afterAll(() => {
    child?.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('finishes the request in flight, refuses new ones, exits 0, and never logs the API key', async () => {
    fs.cpSync(inject('pgliteTemplate'), dir, { recursive: true });
    const port = await freePort();
    child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, DATABASE_URL: '', DATA_DIR: dir, PORT: String(port), LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (output += String(d)));
    child.stderr!.on('data', (d) => (output += String(d)));
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 240 && !output.includes('listening'); i += 1) await new Promise((r) => setTimeout(r, 250));
    expect(output).toContain('listening');

    await fetch(`${base}/api/status`, { headers: { Authorization: 'Bearer sk_secret_value_123' } });

    // A request whose body is still arriving when SIGTERM comes.
    const req = http.request(`${base}/api/feeds`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer sk_secret_value_123' },
    });
    const inFlight = new Promise<{ status: number; body: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let body = '';
        res.on('data', (d) => (body += String(d)));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
    });
    // The first half of the body is on the wire (written and flushed) before the signal.
    await new Promise<void>((resolve, reject) => req.write('{"name": ', (err) => (err ? reject(err) : resolve())));
    child.kill('SIGTERM');
    // Wait for the server to say it is shutting down, not for a fixed time.
    for (let i = 0; i < 400 && !output.includes('shutting down'); i += 1) await new Promise((r) => setTimeout(r, 25));
    expect(output).toContain('shutting down');
    // New connections are refused while the old one finishes.
    const refused = await fetch(`${base}/api/health`).then(
      () => false,
      () => true,
    );
    expect(refused).toBe(true);
    req.end('"late"}');
    const answer = await inFlight;
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(answer.body).not.toMatch(/at \w+ \(|node_modules|SELECT /);
    expect(await exited).toBe(0);
    expect(output).toContain('shutting down');
    expect(output).not.toContain('sk_secret_value_123');
  });
});
