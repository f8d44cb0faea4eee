import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { Queryable } from '../../db/database.js';
import { apiKeyByPrefix } from '../queries/api-key-by-prefix.js';
import { insertApiKey } from '../queries/insert-api-key.js';

/**
 * API keys look like `spf_3f9a1c07_<43 url-safe characters>`. The part before
 * the second underscore is a public lookup prefix (stored in clear, unique);
 * the whole key is hashed with scrypt and a random salt, so a copy of the
 * database does not give anyone a working key.
 */
const KEY_PATTERN = /^(spf_[0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;
const SCRYPT: ScryptOptions & { N: number; r: number; p: number } = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const HASH_BYTES = 32;

function scryptAsync(secret: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, HASH_BYTES, { ...SCRYPT, ...params }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** `scrypt$N$r$p$salt$hash` (base64url), so the cost can rise later without breaking stored keys. */
export async function hashApiKey(key: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(key, salt, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** Compares a presented key with a stored hash in constant time. */
export async function apiKeyMatches(key: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scryptAsync(key, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** A new random key and its lookup prefix. */
export function generateApiKey(): { key: string; prefix: string } {
  const prefix = `spf_${randomBytes(4).toString('hex')}`;
  return { key: `${prefix}_${randomBytes(32).toString('base64url')}`, prefix };
}

/** Creates and stores a key for a jurisdiction; the clear key is returned once and never stored. */
export async function createApiKey(db: Queryable, jurisdictionId: string, label: string | null = null): Promise<{ id: number; key: string; prefix: string }> {
  const { key, prefix } = generateApiKey();
  const id = await insertApiKey(db, { jurisdictionId, prefix, hash: await hashApiKey(key), label });
  return { id, key, prefix };
}

export interface ApiKeyIdentity {
  keyId: number;
  jurisdictionId: string;
}

// Hashed once at start-up: an unknown prefix costs the same scrypt as a known one,
// so response times do not tell which prefixes exist.
let decoy: Promise<string> | null = null;

/** The jurisdiction a presented key acts for, or null when it is malformed, unknown, wrong or revoked. */
export async function verifyApiKey(db: Queryable, presented: string): Promise<ApiKeyIdentity | null> {
  const m = KEY_PATTERN.exec(presented);
  const stored = m?.[1] ? await apiKeyByPrefix(db, m[1]) : null;
  decoy ??= hashApiKey(generateApiKey().key);
  const matches = await apiKeyMatches(presented, stored?.key_hash ?? (await decoy));
  if (!stored || stored.revoked || !matches) return null;
  return { keyId: stored.id, jurisdictionId: stored.jurisdiction_id };
}
