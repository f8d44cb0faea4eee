import { createHmac, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { Queryable } from '../../db/database.js';
import { apiKeyByPrefix, type StoredApiKey } from '../queries/api-key-by-prefix.js';
import { insertApiKey } from '../queries/insert-api-key.js';
import { sqlFile } from '../../db/sql-file.js';

/**
 * API keys look like `spf_3f9a1c07_<43 url-safe characters>`. The part before
 * the second underscore is a public lookup prefix (stored in clear, unique);
 * the whole key is stored as HMAC-SHA-256 under the server's secret
 * (migration 0070), so a copy of the api_keys table does not give anyone a
 * working key. The key's secret part is 256 random bits: nothing can guess it,
 * so a slow hash buys nothing, and a keyed hash costs a microsecond per write
 * where scrypt cost 16 MiB and tens of milliseconds on a shared pool. Keys
 * stored as scrypt by earlier versions still verify (legacy scheme), and on
 * their first successful use are stored as HMAC instead (migration 0118).
 *
 * The secret: `API_KEY_SECRET` when the operator sets it (server mode; keys
 * made then are stored as `hmac-sha256-env$…`), otherwise the one migration
 * 0070 stored in the database (`hmac-sha256$…`, the embedded mode's). Each
 * stored hash says which secret it was made under, so both kinds verify side
 * by side; see docs/reliability.md for the trade-off.
 */
const KEY_PATTERN = /^(spf_[0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;
const SCRYPT: ScryptOptions & { N: number; r: number; p: number } = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const HASH_BYTES = 32;

function scryptAsync(secret: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, HASH_BYTES, { ...SCRYPT, ...params }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

const secrets = new WeakMap<Queryable, Promise<Buffer>>();

/** `API_KEY_SECRET`, when the operator set one (server/config.ts checks its length). */
let environmentSecret: Buffer | null = null;

/**
 * Uses the operator's secret (API_KEY_SECRET) for the keys made from now on,
 * and for verifying keys stored under it; undefined goes back to the
 * database's secret. The server and the keys command call it at start.
 */
export function useApiKeySecret(secret: string | undefined): void {
  environmentSecret = secret ? Buffer.from(secret, 'utf8') : null;
}

/** The database's HMAC secret (migration 0070), read once per database handle. */
function hmacSecret(db: Queryable): Promise<Buffer> {
  let s = secrets.get(db);
  if (!s) {
    s = db.query<{ value: string }>(sqlFile('api_key_secret')).then((r) => {
      const value = r.rows[0]?.value;
      if (!value) throw new Error('the API-key secret is missing (migration 0070 makes it)');
      return Buffer.from(value, 'utf8');
    });
    s.catch(() => secrets.delete(db));
    secrets.set(db, s);
  }
  return s;
}

function hmac(secret: Buffer, key: string): Buffer {
  return createHmac('sha256', secret).update(key, 'utf8').digest();
}

/** `hmac-sha256-env$<hash>` under API_KEY_SECRET when set, else `hmac-sha256$<hash>` under the database's secret (base64url). */
export async function hashApiKey(db: Queryable, key: string): Promise<string> {
  if (environmentSecret) return `hmac-sha256-env$${hmac(environmentSecret, key).toString('base64url')}`;
  return `hmac-sha256$${hmac(await hmacSecret(db), key).toString('base64url')}`;
}

/**
 * Compares a presented key with a stored hash in constant time: HMAC-SHA-256,
 * or `scrypt$N$r$p$salt$hash` for keys issued before HMAC.
 */
export async function apiKeyMatches(db: Queryable, key: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  let expected: Buffer;
  let actual: Buffer;
  if (parts[0] === 'hmac-sha256' && parts.length === 2 && parts[1]) {
    expected = Buffer.from(parts[1], 'base64url');
    actual = hmac(await hmacSecret(db), key);
  } else if (parts[0] === 'hmac-sha256-env' && parts.length === 2 && parts[1]) {
    // Made under API_KEY_SECRET: without it (or with another one) the key no longer verifies.
    if (!environmentSecret) return false;
    expected = Buffer.from(parts[1], 'base64url');
    actual = hmac(environmentSecret, key);
  } else if (parts[0] === 'scrypt' && parts.length === 6 && parts[4] && parts[5]) {
    const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
    expected = Buffer.from(hash, 'base64url');
    actual = await scryptAsync(key, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  } else {
    return false;
  }
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** An scrypt hash as keys were stored before HMAC (tests of the legacy scheme). */
export async function legacyScryptHash(key: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(key, salt, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** A new random key and its lookup prefix. */
export function generateApiKey(): { key: string; prefix: string } {
  const prefix = `spf_${randomBytes(4).toString('hex')}`;
  return { key: `${prefix}_${randomBytes(32).toString('base64url')}`, prefix };
}

/** Creates and stores a key for a jurisdiction; the clear key is returned once and never stored. */
export async function createApiKey(
  db: Queryable,
  jurisdictionId: string,
  label: string | null = null,
): Promise<{ id: number; key: string; prefix: string }> {
  const { key, prefix } = generateApiKey();
  const id = await insertApiKey(db, { jurisdictionId, prefix, hash: await hashApiKey(db, key), label });
  return { id, key, prefix };
}

export interface ApiKeyIdentity {
  keyId: number;
  jurisdictionId: string;
}

// An unknown prefix is checked against a decoy HMAC, so it costs what a known one costs.
const DECOY = `hmac-sha256$${randomBytes(32).toString('base64url')}`;

/** The jurisdiction a presented key acts for, or null when it is malformed, unknown, wrong or revoked. */
export async function verifyApiKey(db: Queryable, presented: string): Promise<ApiKeyIdentity | null> {
  const m = KEY_PATTERN.exec(presented);
  const stored = m?.[1] ? await apiKeyByPrefix(db, m[1]) : null;
  const matches = await apiKeyMatches(db, presented, stored?.key_hash ?? DECOY);
  if (!stored || stored.revoked || !matches) return null;
  if (stored.key_hash.startsWith('scrypt$')) await upgradeLegacyHash(db, stored, presented);
  return { keyId: stored.id, jurisdictionId: stored.jurisdiction_id };
}

/**
 * A key still stored as scrypt has just verified: store its HMAC instead, so
 * its next use costs a microsecond rather than an scrypt. Best effort: where
 * the statement cannot run (a read replica answering a citizen's read), the
 * key still works and is upgraded on a later use.
 */
async function upgradeLegacyHash(db: Queryable, stored: StoredApiKey, key: string): Promise<void> {
  try {
    await db.query(sqlFile('upgrade_api_key_hash'), [stored.id, stored.key_hash, await hashApiKey(db, key)]);
  } catch {
    // The key verified; only its cheaper form waits for another use.
  }
}
