import crypto from 'node:crypto';

/**
 * The hex digest of a short text. crypto.hash (Node 20.12+) is the one-shot
 * form: a load hashes each row twice or three times, and a Hash object per
 * call was about 5% of the loader's own time. Older Node 20 releases
 * (package.json allows any 20) fall back to createHash; the digest is the same.
 */
export const hexDigest: (algorithm: 'sha1' | 'sha256', text: string) => string =
  typeof crypto.hash === 'function'
    ? (algorithm, text) => crypto.hash(algorithm, text, 'hex')
    : (algorithm, text) => crypto.createHash(algorithm).update(text).digest('hex');
