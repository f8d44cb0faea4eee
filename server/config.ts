import path from 'node:path';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';

const isProxyName = (p: string) => ['loopback', 'linklocal', 'uniquelocal'].includes(p);
/** `203.0.113.7`, `10.0.0.0/8`, `fd00::/8`: the forms proxy-addr understands, written plainly. */
function isAddressOrRange(p: string): boolean {
  const [address = '', bits, extra] = p.split('/');
  const v4 = ipaddr.IPv4.isValidFourPartDecimal(address);
  if (!v4 && !ipaddr.IPv6.isValid(address)) return false;
  if (bits === undefined) return extra === undefined;
  return extra === undefined && /^\d{1,3}$/.test(bits) && Number(bits) <= (v4 ? 32 : 128);
}

/**
 * Runtime configuration, read from the environment in this one place.
 * Every setting has a documented default so `npm start` works with none set.
 */
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /**
   * Unset: embedded PGlite in DATA_DIR, for one person's machine: one queue
   * for everyone, no statement timeouts, no row-level security (the API's
   * checks still hold). Set: PostgreSQL + PostGIS, the mode that serves the
   * public (docs/reliability.md, "Which property holds in which mode").
   */
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined)),
  /**
   * Server mode, optional: the tables' owner, for migrations and command-line
   * loads, when DATABASE_URL is a role that owns nothing (recommended).
   */
  MIGRATION_DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined)),
  /**
   * Server mode, optional: streaming replicas (one or more URLs, separated by
   * commas) that take citizens' reads; see docs/scaling.md.
   */
  READ_DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined)),
  /** Seconds a replica may lag behind the primary before it is skipped. */
  REPLICA_MAX_LAG_SECONDS: z.coerce.number().positive().max(3600).default(10),
  DATA_DIR: z.string().default('./.data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  /** Folder with the built client; served on the same port when it exists. */
  CLIENT_DIST: z.string().default('./dist/client'),
  /** Optional online basemap style URL; the map works offline without it. */
  BASEMAP_STYLE_URL: z.string().url().optional(),
  /** Requests per minute per client on public endpoints (0 turns the limit off). */
  RATE_LIMIT_PER_MIN: z.coerce.number().int().min(0).max(1_000_000).default(1200),
  /** Uploads and other writes per minute per client (0 turns the limit off). */
  WRITE_RATE_LIMIT_PER_MIN: z.coerce.number().int().min(0).max(1_000_000).default(30),
  /**
   * Which proxies' X-Forwarded-For to believe (Express "trust proxy"): by
   * default only one on the same machine, so a client cannot forge its address.
   * A number of hops (1 to 10), `false`, or a comma-separated list of
   * addresses, CIDR ranges and the names loopback, linklocal, uniquelocal.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .default('loopback')
    .transform((v, ctx) => {
      if (/^\d+$/.test(v)) {
        const hops = Number(v);
        if (hops >= 1 && hops <= 10) return hops;
        ctx.addIssue({ code: 'custom', message: 'a number of proxy hops must be between 1 and 10' });
        return z.NEVER;
      }
      if (v === 'false') return false;
      const bad = v
        .split(',')
        .map((p) => p.trim())
        .filter((p) => !isProxyName(p) && !isAddressOrRange(p));
      if (bad.length > 0 || v === '') {
        ctx.addIssue({
          code: 'custom',
          message: `not an address, CIDR range or one of loopback, linklocal, uniquelocal: ${bad.join(', ') || '(empty)'}`,
        });
        return z.NEVER;
      }
      return v;
    }),
  /**
   * The secret API keys are hashed under (HMAC-SHA-256), kept outside the
   * database: at least 32 characters (e.g. `openssl rand -hex 32`). Unset: the
   * secret migration 0070 stored in the database (the embedded mode's). Keys
   * made under one secret verify only under it: see docs/reliability.md.
   */
  API_KEY_SECRET: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || v.length >= 32, 'must be at least 32 characters (openssl rand -hex 32)'),
  /** Largest number of connections in the server-mode pool. */
  PG_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /**
   * Citizens' nearest answers from an in-process index of the published points
   * (server/nearest/), refreshed from the database on every change; above this
   * many points they come from the database (about 2 KB of memory per point:
   * 1 GB at the default). 0 turns the index off.
   */
  NEAREST_INDEX_MAX_POINTS: z.coerce.number().int().min(0).default(500_000),
  /**
   * Scheduled pulls of feeds from their source URLs (docs/feeds.md): `on` runs
   * them in this instance (several instances share the job table), `off` runs
   * none here (stewards' "pull now" still works).
   */
  FEED_PULLS: z.enum(['on', 'off']).default('on'),
  /** Seconds between two looks for due pulls (each pull has its own interval, at least 15 minutes). */
  FEED_PULL_POLL_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
});

export type Config = z.infer<typeof schema>;

/** Parses the environment; throws an error naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return {
    ...parsed.data,
    DATA_DIR: path.resolve(parsed.data.DATA_DIR),
    CLIENT_DIST: path.resolve(parsed.data.CLIENT_DIST),
  };
}
