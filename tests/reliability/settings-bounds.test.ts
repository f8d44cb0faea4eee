import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { loadConfig, type Config } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import { openTestDatabase, type TestDatabase } from '../support/test-database.js';

const ok = (env: Record<string, string>) => loadConfig(env);
const fails = (env: Record<string, string>, name: string) =>
  expect(() => loadConfig(env)).toThrow(new RegExp(`${name}:`));

describe('every documented setting at its bounds (README, Configuration)', () => {
  it('uses the documented defaults with nothing set', () => {
    const c = ok({});
    expect(c).toMatchObject({
      PORT: 8080,
      RATE_LIMIT_PER_MIN: 1200,
      WRITE_RATE_LIMIT_PER_MIN: 30,
      TRUST_PROXY: 'loopback',
      LOG_LEVEL: 'info',
      PG_POOL_MAX: 10,
    });
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.MIGRATION_DATABASE_URL).toBeUndefined();
    expect(c.BASEMAP_STYLE_URL).toBeUndefined();
    expect(path.isAbsolute(c.DATA_DIR) && path.isAbsolute(c.CLIENT_DIST)).toBe(true);
  });

  it('PORT: 0 to 65535', () => {
    expect(ok({ PORT: '0' }).PORT).toBe(0);
    expect(ok({ PORT: '65535' }).PORT).toBe(65535);
    for (const v of ['-1', '65536', '80.5', 'http']) fails({ PORT: v }, 'PORT');
  });

  it('RATE_LIMIT_PER_MIN and WRITE_RATE_LIMIT_PER_MIN: 0 (off) to 1,000,000', () => {
    for (const name of ['RATE_LIMIT_PER_MIN', 'WRITE_RATE_LIMIT_PER_MIN'] as const) {
      expect(ok({ [name]: '0' })[name]).toBe(0);
      expect(ok({ [name]: '1' })[name]).toBe(1);
      expect(ok({ [name]: '1000000' })[name]).toBe(1_000_000);
      for (const v of ['-1', '1000001', '2.5', 'many']) fails({ [name]: v }, name);
    }
  });

  it('API_KEY_SECRET: unset or empty means the database’s secret; else at least 32 characters, never echoed', () => {
    expect(ok({}).API_KEY_SECRET).toBeUndefined();
    expect(ok({ API_KEY_SECRET: '  ' }).API_KEY_SECRET).toBeUndefined();
    expect(ok({ API_KEY_SECRET: 'a'.repeat(32) }).API_KEY_SECRET).toBe('a'.repeat(32));
    fails({ API_KEY_SECRET: 'short-secret-31-characters-long' }, 'API_KEY_SECRET');
    expect(() => loadConfig({ API_KEY_SECRET: 'short-secret-31-characters-long' })).not.toThrow(/short-secret/);
  });

  it('PG_POOL_MAX: 1 to 200', () => {
    expect(ok({ PG_POOL_MAX: '1' }).PG_POOL_MAX).toBe(1);
    expect(ok({ PG_POOL_MAX: '200' }).PG_POOL_MAX).toBe(200);
    for (const v of ['0', '201', '1.5']) fails({ PG_POOL_MAX: v }, 'PG_POOL_MAX');
  });

  it('TRUST_PROXY: hops 1 to 10, false, or addresses, ranges and proxy-addr names', () => {
    expect(ok({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(ok({ TRUST_PROXY: '10' }).TRUST_PROXY).toBe(10);
    expect(ok({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(ok({ TRUST_PROXY: 'loopback, 10.0.0.0/8, fd00::/8, 203.0.113.7' }).TRUST_PROXY).toBe(
      'loopback, 10.0.0.0/8, fd00::/8, 203.0.113.7',
    );
    for (const v of ['0', '11', 'proxy.example', '10.0.0.0/33', '', 'true']) fails({ TRUST_PROXY: v }, 'TRUST_PROXY');
  });

  it('LOG_LEVEL, NODE_ENV and BASEMAP_STYLE_URL accept only what they document', () => {
    for (const v of ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      expect(ok({ LOG_LEVEL: v }).LOG_LEVEL).toBe(v);
    fails({ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL');
    fails({ NODE_ENV: 'staging' }, 'NODE_ENV');
    expect(ok({ BASEMAP_STYLE_URL: 'https://tiles.example/style.json' }).BASEMAP_STYLE_URL).toBe(
      'https://tiles.example/style.json',
    );
    fails({ BASEMAP_STYLE_URL: 'not a url' }, 'BASEMAP_STYLE_URL');
    // Blank database URLs mean unset, not an empty connection string.
    expect(ok({ DATABASE_URL: ' ', MIGRATION_DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });
});

describe('the app starts and behaves at every bound of the limits', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase('pglite');
  });
  afterAll(() => t?.cleanup());

  const appWith = (env: Record<string, string>) => {
    const config: Config = loadConfig(env);
    return createApp({ db: t.db, config, logger: createLogger('silent') });
  };

  it.each([
    ['both limits 0', { RATE_LIMIT_PER_MIN: '0', WRITE_RATE_LIMIT_PER_MIN: '0' }],
    ['writes 0', { WRITE_RATE_LIMIT_PER_MIN: '0' }],
    ['reads 0', { RATE_LIMIT_PER_MIN: '0' }],
  ] as [string, Record<string, string>][])('starts with %s, and 0 means off', async (_label, env) => {
    const a = appWith(env);
    const reads = env['RATE_LIMIT_PER_MIN'] === '0';
    const writes = env['WRITE_RATE_LIMIT_PER_MIN'] === '0';
    for (let i = 0; i < 40; i += 1) {
      const r = await request(a).get('/api/status');
      expect(r.status).toBe(200);
      expect(r.headers['ratelimit-policy'] === undefined).toBe(reads);
    }
    const statuses: number[] = [];
    for (let i = 0; i < 35; i += 1) statuses.push((await request(a).post('/api/feeds').send({})).status);
    // Without a key every write is a 401; with the write limit on, the 31st is a 429 instead.
    expect(statuses.includes(429)).toBe(!writes);
  });

  it('a limit of 1 allows one request a minute', async () => {
    const a = appWith({ RATE_LIMIT_PER_MIN: '1', WRITE_RATE_LIMIT_PER_MIN: '1' });
    await request(a).get('/api/status').expect(200);
    await request(a).get('/api/status').expect(429);
  });

  it('trusts the configured number of proxy hops', async () => {
    const a = appWith({ RATE_LIMIT_PER_MIN: '2', TRUST_PROXY: '1' });
    // One trusted hop: the right-most forwarded address is the client; each is its own client.
    for (let i = 0; i < 3; i += 1)
      await request(a).get('/api/status').set('X-Forwarded-For', `203.0.113.${i}`).expect(200);
    await request(a).get('/api/status').set('X-Forwarded-For', '203.0.113.9').expect(200);
    await request(a).get('/api/status').set('X-Forwarded-For', '203.0.113.9').expect(200);
    await request(a).get('/api/status').set('X-Forwarded-For', '203.0.113.9').expect(429);
  });
});
