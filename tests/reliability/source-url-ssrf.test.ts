import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../server/auth/api-keys.js';
import { downloadToFile, isPrivateAddress } from '../../server/http/download-to-file.js';
import { downloadSource } from '../../data-loaders/lib/download-source.js';
import { testApp } from '../support/test-app.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';

/** Every spelling of an address the server must never fetch from on a steward's behalf. */
const REFUSED: [string, string][] = [
  ['IPv4 loopback', '127.0.0.1'],
  ['IPv4 loopback, elsewhere in 127/8', '127.8.9.10'],
  ['IPv4-mapped loopback, dotted', '::ffff:127.0.0.1'],
  ['IPv4-mapped loopback, as the URL parser rewrites it', '::ffff:7f00:1'],
  ['IPv4-mapped private, hex', '::ffff:a00:1'],
  ['SIIT (RFC 6145) loopback', '::ffff:0:7f00:1'],
  ['IPv4-compatible loopback', '::127.0.0.1'],
  ['NAT64 64:ff9b::/96 loopback', '64:ff9b::7f00:1'],
  ['NAT64 64:ff9b::/96 private', '64:ff9b::10.0.0.1'],
  ['NAT64 local-use 64:ff9b:1::/48', '64:ff9b:1::a00:1'],
  ['6to4 2002::/16 loopback', '2002:7f00:1::'],
  ['6to4 2002::/16 private', '2002:c0a8:101::1'],
  ['private 10/8', '10.1.2.3'],
  ['private 172.16/12', '172.31.255.1'],
  ['private 192.168/16', '192.168.1.1'],
  ['link-local 169.254/16 (cloud metadata)', '169.254.169.254'],
  ['CGNAT 100.64/10', '100.100.100.100'],
  ['benchmarking 198.18/15', '198.19.0.1'],
  ['multicast 224/4', '239.1.1.1'],
  ['unspecified 0/8', '0.0.0.0'],
  ['broadcast', '255.255.255.255'],
  ['reserved 240/4', '240.0.0.1'],
  ['IPv6 loopback', '::1'],
  ['IPv6 unspecified', '::'],
  ['IPv6 link-local', 'fe80::1'],
  ['IPv6 unique-local fc00::/7', 'fd12:3456::1'],
  ['IPv6 multicast', 'ff02::1'],
  ['IPv6 benchmarking 2001:2::/48', '2001:2::1'],
  ['IPv6 documentation', '2001:db8::1'],
  ['Teredo', '2001:0:4136:e378::1'],
];
const ALLOWED = [
  '8.8.8.8',
  '142.250.0.1',
  '2606:4700:4700::1111',
  '::ffff:8.8.8.8',
  '64:ff9b::8.8.8.8',
  '2002:808:808::1',
];

describe('the public-address rule', () => {
  it.each(REFUSED)('refuses %s (%s)', (_label, address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });
  it.each(ALLOWED)('allows the public address %s', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });
});

/** A server on loopback standing for an internal service; it counts every request it gets. */
async function internalService(handler?: http.RequestListener) {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    if (handler) return handler(req, res);
    res.end('id,name,lat,lon\nSECRET,Internal secret,45.9,-66.6\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    hits,
    port,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

describe('downloads of source URLs', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finder-ssrf-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('connects to the address it checked: a name that rebinds to loopback after the check gets nowhere', async () => {
    const internal = await internalService();
    try {
      let calls = 0;
      // A hostile DNS answer: public for the first question, loopback for every later one.
      const resolve = async () => [{ address: calls++ === 0 ? '1.1.1.1' : '127.0.0.1', family: 4 }];
      await expect(
        downloadToFile(`http://rebind.example:${internal.port}/x.csv`, dir, {
          maxBytes: 1e6,
          timeoutMs: 1500,
          resolve,
        }),
      ).rejects.toThrow();
      expect(internal.hits).toEqual([]);
      expect(calls).toBe(1);
    } finally {
      await internal.close();
    }
  });

  it('refuses a name that resolves to a disguised loopback address, before connecting', async () => {
    const internal = await internalService();
    try {
      for (const address of ['127.0.0.1', '::ffff:127.0.0.1', '::ffff:7f00:1']) {
        const resolve = async () => [{ address, family: address.includes(':') ? 6 : 4 }];
        await expect(
          downloadToFile(`http://internal.example:${internal.port}/x.csv`, dir, {
            maxBytes: 1e6,
            timeoutMs: 1500,
            resolve,
          }),
        ).rejects.toMatchObject({ status: 400, errors: [{ field: 'source_url' }] });
      }
      expect(internal.hits).toEqual([]);
    } finally {
      await internal.close();
    }
  });

  it('checks every redirect with the same rule, mapped forms included', async () => {
    const internal = await internalService();
    // Stands for a public server (the test treats its address as public) that redirects inward.
    const redirector = await internalService((req, res) => {
      res
        .writeHead(302, {
          Location:
            req.url === '/a'
              ? `http://[::ffff:127.0.0.1]:${internal.port}/secret`
              : `http://inside.example:${internal.port}/secret`,
        })
        .end();
    });
    try {
      const resolve = async (name: string) => [
        {
          address: name === 'inside.example' ? '::ffff:7f00:1' : '127.0.0.1',
          family: name === 'inside.example' ? 6 : 4,
        },
      ];
      const isRefused = (a: string) => a !== '127.0.0.1' && isPrivateAddress(a);
      for (const start of ['/a', '/b']) {
        await expect(
          downloadToFile(`http://public.example:${redirector.port}${start}`, dir, {
            maxBytes: 1e6,
            timeoutMs: 1500,
            resolve,
            isRefused,
          }),
        ).rejects.toMatchObject({ status: 400 });
      }
      expect(redirector.hits).toEqual(['/a', '/b']);
      expect(internal.hits).toEqual([]);
    } finally {
      await internal.close();
      await redirector.close();
    }
  });

  it('the command-line downloader refuses the same addresses', async () => {
    const internal = await internalService();
    try {
      for (const host of ['127.0.0.1', '[::ffff:127.0.0.1]', '[::ffff:7f00:1]', '0x7f.1', '2130706433']) {
        const r = await downloadSource({ url: `http://${host}:${internal.port}/offices.csv` }, 1500);
        expect(r, host).toHaveProperty('error');
      }
      const viaName = await downloadSource({ url: `http://offices.example:${internal.port}/offices.csv` }, 1500, {
        resolve: async () => [{ address: '::ffff:127.0.0.1', family: 6 }],
      });
      expect(viaName).toHaveProperty('error');
      expect(internal.hits).toEqual([]);
    } finally {
      await internal.close();
    }
  });
});

describe.each(MODES)('source URLs through the feeds API on %s', (mode) => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  let key: string;
  beforeAll(async () => {
    t = await openTestDatabase(mode);
    key = (await createApiKey(t.db, 'ca-nb', 'test')).key;
    app = testApp(t.db);
    await request(app)
      .post('/api/feeds')
      .set('Authorization', `Bearer ${key}`)
      .send({ jurisdiction_id: 'ca-nb', id: 'ca-nb-centres', name: 'Centres' })
      .expect(201);
  });
  afterAll(() => t?.cleanup());

  it.each([
    '[::ffff:127.0.0.1]',
    '[::ffff:7f00:1]',
    '[::ffff:0:7f00:1]',
    '[::127.0.0.1]',
    '[64:ff9b::7f00:1]',
    '[2002:7f00:1::]',
    '0x7f.1',
    '017700000001',
    '[::1]',
    'localhost',
  ])('never fetches http://%s/ and never shows its answer', async (host) => {
    const internal = await internalService();
    try {
      const res = await request(app)
        .post('/api/feeds/ca-nb-centres/versions')
        .set('Authorization', `Bearer ${key}`)
        .send({ source_url: `http://${host}:${internal.port}/secret.csv` });
      expect(res.status).toBe(400);
      expect(res.body.errors[0]).toMatchObject({ field: 'source_url' });
      expect(JSON.stringify(res.body)).not.toContain('SECRET');
      expect(internal.hits).toEqual([]);
    } finally {
      await internal.close();
    }
  });
});
