import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, generateApiKey, legacyScryptHash, verifyApiKey } from '../../server/auth/api-keys.js';
import { insertApiKey } from '../../server/queries/insert-api-key.js';
import { testApp } from '../support/test-app.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';

describe.each(MODES)('API keys hashed with HMAC-SHA-256 under the server’s secret on %s', (mode) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(mode);
  });
  afterAll(() => t?.cleanup());

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
});
