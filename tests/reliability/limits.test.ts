import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { createLogger } from '../../server/logger.js';
import { openTestDatabase, type TestDatabase } from '../support/test-database.js';

function app(
  t: TestDatabase,
  overrides: { RATE_LIMIT_PER_MIN?: number; WRITE_RATE_LIMIT_PER_MIN?: number; TRUST_PROXY?: string },
) {
  return createApp({
    db: t.db,
    config: { CLIENT_DIST: path.resolve('dist/client'), BASEMAP_STYLE_URL: undefined, ...overrides },
    logger: createLogger('silent'),
  });
}

describe('request limits', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase('pglite');
  });
  afterAll(() => t?.cleanup());

  it('refuses a request body over the limit with a 413 problem+json', async () => {
    const res = await request(app(t, {}))
      .post('/api/feeds')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }))
      .expect(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.status).toBe(413);
  });

  it('limits each client, and a forged X-Forwarded-For does not make a new client', async () => {
    const a = app(t, { RATE_LIMIT_PER_MIN: 5, TRUST_PROXY: 'loopback' });
    // Behind the trusted local proxy the real address is the right-most one; the left part is the client's own claim.
    for (let i = 0; i < 5; i += 1) {
      await request(a).get('/api/status').set('X-Forwarded-For', `10.9.9.${i}, 203.0.113.7`).expect(200);
    }
    const limited = await request(a)
      .get('/api/status?lang=fr')
      .set('X-Forwarded-For', '10.9.9.99, 203.0.113.7')
      .expect(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.body.title).toBe('Trop de requêtes');
    // Another real client is not affected.
    await request(a).get('/api/status').set('X-Forwarded-For', '203.0.113.8').expect(200);
  });

  it('ignores X-Forwarded-For entirely when the peer is not a trusted proxy', async () => {
    const a = app(t, { RATE_LIMIT_PER_MIN: 3, TRUST_PROXY: '192.0.2.1' });
    for (let i = 0; i < 3; i += 1)
      await request(a).get('/api/status').set('X-Forwarded-For', `198.51.100.${i}`).expect(200);
    await request(a).get('/api/status').set('X-Forwarded-For', '198.51.100.200').expect(429);
  });

  it('holds writes to a stricter limit than reads', async () => {
    const a = app(t, { RATE_LIMIT_PER_MIN: 100, WRITE_RATE_LIMIT_PER_MIN: 2 });
    for (let i = 0; i < 2; i += 1)
      await request(a)
        .post('/api/feeds')
        .send({})
        .expect((r) => expect(r.status).not.toBe(429));
    await request(a).post('/api/feeds').send({}).expect(429);
    await request(a).get('/api/status').expect(200);
  });

  it('lets any site read open data (CORS) but not write', async () => {
    const a = app(t, {});
    const read = await request(a).get('/api/health').set('Origin', 'https://example.org').expect(200);
    expect(read.headers['access-control-allow-origin']).toBe('*');
    const pre = await request(a)
      .options('/api/feeds')
      .set('Origin', 'https://example.org')
      .set('Access-Control-Request-Method', 'POST');
    // The preflight is answered (a CORS response, not a missing one) and allows reading only.
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('*');
    expect(pre.headers['access-control-allow-methods']).toBe('GET,HEAD');
  });
});
