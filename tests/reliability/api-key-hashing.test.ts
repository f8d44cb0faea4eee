import pg from 'pg';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { createPgDatabase } from '../../db/pg-database.js';
import { runWithQueryClass } from '../../db/query-class.js';
import {
  createApiKey,
  generateApiKey,
  legacyScryptHash,
  useApiKeySecret,
  verifyApiKey,
} from '../../server/auth/api-keys.js';
import { insertApiKey } from '../../server/queries/insert-api-key.js';
import { testApp } from '../support/test-app.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';

const storedHash = async (db: Database, id: number) =>
  (await db.query<{ key_hash: string }>('SELECT key_hash FROM api_keys WHERE id = $1', [id])).rows[0]?.key_hash;

/** The production role (CI and .ci/run make it: owns nothing, only reads api_keys), or null where it does not exist. */
async function appRole(url: string | undefined): Promise<Database | null> {
  if (!url) return null;
  const u = new URL(url);
  u.username = 'finder_app';
  u.password = 'finder_app';
  const probe = new pg.Client({ connectionString: u.toString() });
  if (
    !(await probe.connect().then(
      () => true,
      () => false,
    ))
  )
    return null;
  await probe.end();
  return createPgDatabase(u.toString(), { max: 2 });
}

describe.each(MODES)('API keys hashed with HMAC-SHA-256 under the server’s secret on %s', (mode) => {
  let t: TestDatabase;
  let app: Database | null = null;
  beforeAll(async () => {
    t = await openTestDatabase(mode);
    app = await appRole(t.url ?? undefined);
  });
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
  });
  afterEach(() => useApiKeySecret(undefined));

  it('stores a new key as an HMAC under the secret migration 0070 made, and verifies it', async () => {
    const { id, key } = await createApiKey(t.db, 'ca-nb', 'hmac');
    const row = await t.db.query<{ key_hash: string }>('SELECT key_hash FROM api_keys WHERE id = $1', [id]);
    expect(row.rows[0]?.key_hash).toMatch(/^hmac-sha256\$[A-Za-z0-9_-]{43}$/);
    expect(row.rows[0]?.key_hash).not.toContain(key.slice(13));
    const secret = await t.db.query<{ value: string }>(`SELECT value FROM app_secrets WHERE name = 'api_key_hmac'`);
    expect(secret.rows[0]?.value).toMatch(/^[0-9a-f]{64}$/);
    expect(await verifyApiKey(t.db, key)).toEqual({ keyId: id, jurisdictionId: 'ca-nb' });
    expect(await verifyApiKey(t.db, `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`)).toBeNull();
  });

  it('keeps keys issued under scrypt working', async () => {
    const { key, prefix } = generateApiKey();
    const id = await insertApiKey(t.db, {
      jurisdictionId: 'ca-on',
      prefix,
      hash: await legacyScryptHash(key),
      label: 'issued before HMAC',
    });
    expect(await verifyApiKey(t.db, key)).toEqual({ keyId: id, jurisdictionId: 'ca-on' });
    expect(await verifyApiKey(t.db, `${prefix}_${'A'.repeat(43)}`)).toBeNull();
    const app = testApp(t.db);
    await request(app)
      .post('/api/feeds')
      .set('Authorization', `Bearer ${key}`)
      .send({ jurisdiction_id: 'ca-on', id: 'ca-on-legacy', name: 'Legacy key feed' })
      .expect(201);
  });

  it('refuses every stored form it does not know, and unknown prefixes', async () => {
    const { key, prefix } = generateApiKey();
    await insertApiKey(t.db, { jurisdictionId: 'ca-nb', prefix, hash: 'plain$' + key, label: 'bad form' });
    expect(await verifyApiKey(t.db, key)).toBeNull();
    expect(await verifyApiKey(t.db, generateApiKey().key)).toBeNull();
  });

  it('stores a key still hashed with scrypt as HMAC on its first successful use, and never on a wrong key', async () => {
    const { key, prefix } = generateApiKey();
    const legacy = await legacyScryptHash(key);
    const id = await insertApiKey(t.db, { jurisdictionId: 'ca-on', prefix, hash: legacy, label: 'old key' });
    // A wrong key with the same prefix changes nothing.
    expect(await verifyApiKey(t.db, `${prefix}_${'B'.repeat(43)}`)).toBeNull();
    expect(await storedHash(t.db, id)).toBe(legacy);
    // The first real use goes through the server as a steward's would, as the role the server runs as when there is one.
    const server = testApp(app ?? t.db);
    await request(server)
      .post('/api/feeds')
      .set('Authorization', `Bearer ${key}`)
      .send({ jurisdiction_id: 'ca-on', id: 'ca-on-upgraded', name: 'Upgraded key feed' })
      .expect(201);
    const upgraded = await storedHash(t.db, id);
    expect(upgraded).toMatch(/^hmac-sha256\$[A-Za-z0-9_-]{43}$/);
    // From now on the key is an HMAC (verified without scrypt), and the wrong key still fails.
    expect(await verifyApiKey(t.db, key)).toEqual({ keyId: id, jurisdictionId: 'ca-on' });
    expect(await storedHash(t.db, id)).toBe(upgraded);
    expect(await verifyApiKey(t.db, `${prefix}_${'B'.repeat(43)}`)).toBeNull();
    await request(server)
      .post('/api/feeds')
      .set('Authorization', `Bearer ${key}`)
      .send({ jurisdiction_id: 'ca-on', id: 'ca-on-upgraded-2', name: 'Second feed' })
      .expect(201);
  });

  it.runIf(mode === 'postgis')(
    'lets the server’s role make only that one change to api_keys: the scrypt hash stored now, to an HMAC',
    async (ctx) => {
      if (!app) return ctx.skip();
      const db = app;
      const { key, prefix } = generateApiKey();
      const legacy = await legacyScryptHash(key);
      const id = await insertApiKey(t.db, { jurisdictionId: 'ca-nb', prefix, hash: legacy, label: 'old key' });
      const fresh = await createApiKey(t.db, 'ca-nb', 'new key');
      const freshHash = await storedHash(t.db, fresh.id);
      const call = (keyId: number, verified: string, next: string) =>
        runWithQueryClass('write', () =>
          db.query<{ upgraded: boolean }>('SELECT upgrade_api_key_hash($1, $2, $3) AS upgraded', [
            keyId,
            verified,
            next,
          ]),
        ).then((r) => r.rows[0]?.upgraded);
      const hmacLike = `hmac-sha256$${'C'.repeat(43)}`;
      // Not the hash stored now, an HMAC already, or a new hash of another form: refused.
      expect(await call(id, `scrypt$1$1$1$x$y`, hmacLike)).toBe(false);
      expect(await call(fresh.id, freshHash!, hmacLike)).toBe(false);
      expect(await call(id, legacy, 'plain$secret')).toBe(false);
      expect(await storedHash(t.db, id)).toBe(legacy);
      expect(await storedHash(t.db, fresh.id)).toBe(freshHash);
      // The table itself stays closed to the role, whatever jurisdiction it claims.
      await expect(
        db.transaction(async (tx) => {
          await tx.query(`SELECT set_config('app.jurisdiction_id', '*', true)`);
          await tx.query(`UPDATE api_keys SET key_hash = $1 WHERE id = $2`, [hmacLike, fresh.id]);
        }),
      ).rejects.toThrow(/permission denied/);
      // The function acts for every jurisdiction only inside itself: the caller's transaction keeps its own.
      const after = await runWithQueryClass(
        'write',
        () =>
          db.transaction(async (tx) => {
            await tx.query(`SELECT set_config('app.jurisdiction_id', 'ca-nb', true)`);
            await tx.query('SELECT upgrade_api_key_hash($1, $2, $3)', [id, 'scrypt$no', hmacLike]);
            return tx.query<{ j: string }>(`SELECT current_setting('app.jurisdiction_id', true) AS j`);
          }),
        'ca-nb',
      );
      expect(after.rows[0]?.j).toBe('ca-nb');
    },
  );

  it('hashes new keys under API_KEY_SECRET when it is set, keeps the database’s keys verifying, and refuses its keys without it', async () => {
    const before = await createApiKey(t.db, 'ca-nb', 'database secret');
    useApiKeySecret('an operator secret of at least thirty-two characters');
    const made = await createApiKey(t.db, 'ca-nb', 'environment secret');
    expect(await storedHash(t.db, made.id)).toMatch(/^hmac-sha256-env\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyApiKey(t.db, made.key)).toEqual({ keyId: made.id, jurisdictionId: 'ca-nb' });
    // Keys made before still verify, under the database's secret.
    expect(await verifyApiKey(t.db, before.key)).toEqual({ keyId: before.id, jurisdictionId: 'ca-nb' });
    // A copy of the database (secret table and hashes) no longer checks the new key: its hash is not the database secret's.
    const dbSecret = (await t.db.query<{ value: string }>(`SELECT value FROM app_secrets WHERE name = 'api_key_hmac'`))
      .rows[0]!.value;
    const { createHmac } = await import('node:crypto');
    const underDbSecret = createHmac('sha256', dbSecret).update(made.key).digest('base64url');
    expect(await storedHash(t.db, made.id)).not.toContain(underDbSecret);
    // Another secret, or none: the keys made under the old one stop working (the trade-off the docs state).
    useApiKeySecret('another operator secret, also thirty-two characters');
    expect(await verifyApiKey(t.db, made.key)).toBeNull();
    useApiKeySecret(undefined);
    expect(await verifyApiKey(t.db, made.key)).toBeNull();
    expect(await verifyApiKey(t.db, before.key)).toEqual({ keyId: before.id, jurisdictionId: 'ca-nb' });
  });

  it('upgrades a scrypt key to the operator’s secret when API_KEY_SECRET is set', async () => {
    useApiKeySecret('an operator secret of at least thirty-two characters');
    const { key, prefix } = generateApiKey();
    const id = await insertApiKey(t.db, {
      jurisdictionId: 'ca-nb',
      prefix,
      hash: await legacyScryptHash(key),
      label: 'old',
    });
    expect(await runWithQueryClass('write', () => verifyApiKey(app ?? t.db, key))).toEqual({
      keyId: id,
      jurisdictionId: 'ca-nb',
    });
    expect(await storedHash(t.db, id)).toMatch(/^hmac-sha256-env\$/);
    expect(await verifyApiKey(t.db, key)).toEqual({ keyId: id, jurisdictionId: 'ca-nb' });
  });
});
