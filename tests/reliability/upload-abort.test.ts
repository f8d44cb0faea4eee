import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../server/auth/api-keys.js';
import { MAX_UPLOAD_BYTES } from '../../server/routes/feeds.js';
import { listen } from '../support/listen.js';
import { testApp } from '../support/test-app.js';
import { openTestDatabase, type TestDatabase } from '../support/test-database.js';

const BOUNDARY = 'finderabort';
const HEAD = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n`;

describe('uploads that are abandoned or never end', () => {
  let t: TestDatabase;
  let server: Awaited<ReturnType<typeof listen>>;
  let key: string;
  let tmp: string;
  const savedTmp = process.env['TMPDIR'];
  const uploadDirs = () => fs.readdirSync(tmp).filter((d) => d.startsWith('finder-upload-'));

  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    key = (await createApiKey(t.db, 'ca-nb', 'test')).key;
    const app = testApp(t.db);
    server = await listen(app);
    const res = await fetch(`${server.url}/api/feeds`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ jurisdiction_id: 'ca-nb', id: 'ca-nb-abort', name: 'Abort' }),
    });
    expect(res.status).toBe(201);
    // Uploads' temporary directories go to a folder of this test's own, to be counted.
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'finder-abort-test-'));
    process.env['TMPDIR'] = tmp;
  });
  afterAll(async () => {
    process.env['TMPDIR'] = savedTmp;
    await server?.close();
    await t?.cleanup();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const post = () =>
    http.request(`${server.url}/api/feeds/ca-nb-abort/versions`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${key}`,
        'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`,
        'Transfer-Encoding': 'chunked',
      },
    });

  it('removes the partial file and its directory when the client goes away midway', async () => {
    const req = post();
    req.on('error', () => undefined);
    req.write(HEAD);
    req.write(Buffer.alloc(256 * 1024, 'a'));
    // The upload has begun: its directory exists.
    const deadline = Date.now() + 5000;
    while (uploadDirs().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(uploadDirs()).toHaveLength(1);
    req.destroy();
    const gone = Date.now() + 5000;
    while (uploadDirs().length > 0 && Date.now() < gone) await new Promise((r) => setTimeout(r, 20));
    expect(uploadDirs()).toEqual([]);
    // The server is still answering.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('answers 413 while a chunked body is still coming, once it passes the limit, without reading it to the end', async () => {
    const req = post();
    let sent = 0;
    const answered = new Promise<{ status: number; sentWhenAnswered: number }>((resolve, reject) => {
      req.on('response', (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, sentWhenAnswered: sent });
      });
      req.on('error', reject);
    });
    let done = false;
    void answered.finally(() => {
      done = true;
    });
    req.write(HEAD);
    const chunk = Buffer.alloc(1024 * 1024, 'b');
    // Up to six times the limit, waiting for the socket as a real client would.
    while (!done && sent < 6 * MAX_UPLOAD_BYTES) {
      const ok = req.write(chunk);
      sent += chunk.length;
      if (!ok)
        await new Promise((r) => {
          req.once('drain', r);
          setTimeout(r, 200);
        });
    }
    if (!done) req.end(`\r\n--${BOUNDARY}--\r\n`);
    const { status, sentWhenAnswered } = await answered;
    req.destroy();
    expect(status).toBe(413);
    // Answered soon after the limit (socket buffers on both sides hold some megabytes in flight),
    // long before the six times the limit a server reading to the end would wait for.
    expect(sentWhenAnswered).toBeLessThan(3 * MAX_UPLOAD_BYTES);
    const gone = Date.now() + 5000;
    while (uploadDirs().length > 0 && Date.now() < gone) await new Promise((r) => setTimeout(r, 20));
    expect(uploadDirs()).toEqual([]);
  });
});
