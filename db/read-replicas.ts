import pg from 'pg';
import type { Database, Queryable, QueryResult, ReplicaStatus } from './database.js';
import { createPgDatabase } from './pg-database.js';
import { currentJurisdiction, currentQueryClass, runWithQueryClass } from './query-class.js';

export type { ReplicaStatus };

export interface ReadReplicaOptions {
  /** A replica further behind than this is skipped. */
  maxLagSeconds: number;
  /** How often each replica's lag is measured. */
  checkEveryMs?: number;
  /** Connections per replica for citizens' reads. */
  poolMax?: number;
}

interface Replica {
  status: ReplicaStatus;
  db: Database;
  /** WAL position the replica had replayed at the last check, in bytes from 0/0. */
  replayed: number;
}

/** READ_DATABASE_URL: one or more URLs, separated by commas or spaces. */
export function parseReplicaUrls(value: string | undefined): string[] {
  return (value ?? '').split(/[\s,]+/).filter((u) => u.length > 0);
}

/** What went wrong, in words safe for a public status page (no host names, no server messages). */
function failure(err: unknown): string {
  const code = (err as { code?: string }).code ?? '';
  if (code.startsWith('08') || /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|timeout|terminat/i.test((err as Error).message))
    return 'unreachable';
  if (code.startsWith('57P')) return 'shutting down or in recovery';
  if (code === '28P01' || code === '28000') return 'refused the credentials';
  return 'query failed';
}

const LSN = "pg_wal_lsn_diff(%s, '0/0')::float8";

/**
 * Server mode with streaming replicas: citizens' reads (the `citizen` query
 * class, no API key) go to a replica that is up and within `maxLagSeconds`,
 * in turn; everything else (writes, publishes, analyses, a steward's own
 * reads, transactions, LISTEN) stays on the primary. After a write made
 * through this process, citizens' reads stay on the primary until a replica
 * has replayed past it, so nobody reads an answer older than one they caused.
 * A replica that fails a read is marked down and the read is run again on
 * the primary.
 */
export function withReadReplicas(primary: Database, urls: string[], options: ReadReplicaOptions): Database {
  // Named by position in READ_DATABASE_URL: /api/ready is public, the topology and credentials are not.
  const replicas: Replica[] = urls.map((url, i) => ({
    db: createPgDatabase(url, { max: options.poolMax ?? 10 }),
    replayed: 0,
    status: { name: `replica ${i + 1}`, state: 'unknown', lag_seconds: null, lag_bytes: null, checked_at: null },
  }));
  /** The primary's WAL position after this process's last write: replicas must have replayed it. */
  let mustHaveReplayed = 0;
  let next = 0;
  let closed = false;

  async function primaryLsn(): Promise<number> {
    const r = await runWithQueryClass('analysis', () =>
      primary.query<{ lsn: number }>(`SELECT ${LSN.replace('%s', 'pg_current_wal_lsn()')} AS lsn`),
    );
    return r.rows[0]?.lsn ?? 0;
  }

  async function check(replica: Replica): Promise<void> {
    const at = new Date().toISOString();
    try {
      const head = await primaryLsn();
      const r = await runWithQueryClass('citizen', () =>
        replica.db.query<{ standby: boolean; replayed: number | null; since_replay: number | null }>(
          `SELECT pg_is_in_recovery() AS standby, ${LSN.replace('%s', 'pg_last_wal_replay_lsn()')} AS replayed,
                  extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 AS since_replay`,
        ),
      );
      const row = r.rows[0];
      if (!row?.standby || row.replayed === null) {
        replica.status = {
          ...replica.status,
          state: 'down',
          lag_seconds: null,
          lag_bytes: null,
          checked_at: at,
          error: 'not a standby (promoted, or not a replica)',
        };
        return;
      }
      replica.replayed = row.replayed;
      const behind = Math.max(0, head - row.replayed);
      // Caught up with what the primary had written a moment ago: no lag. Otherwise, the age of the last replayed commit.
      const lag = behind === 0 ? 0 : Math.max(0, row.since_replay ?? Infinity);
      replica.status = {
        name: replica.status.name,
        state: lag > options.maxLagSeconds ? 'lagging' : 'ok',
        lag_seconds: Number.isFinite(lag) ? Math.round(lag * 1000) / 1000 : null,
        lag_bytes: behind,
        checked_at: at,
      };
    } catch (err) {
      replica.status = {
        ...replica.status,
        state: 'down',
        lag_seconds: null,
        lag_bytes: null,
        checked_at: at,
        error: failure(err),
      };
    }
  }

  async function checkAll(): Promise<void> {
    await Promise.all(replicas.map(check));
  }
  let timer: NodeJS.Timeout | null = null;
  const schedule = () => {
    if (closed) return;
    timer = setTimeout(() => void checkAll().finally(schedule), options.checkEveryMs ?? 1000);
    timer.unref();
  };
  void checkAll().finally(schedule);

  function pick(): Replica | null {
    for (let i = 0; i < replicas.length; i += 1) {
      const r = replicas[(next + i) % replicas.length]!;
      if (r.status.state === 'ok' && r.replayed >= mustHaveReplayed) {
        next = (next + i + 1) % replicas.length;
        return r;
      }
    }
    return null;
  }

  async function afterWrite<T>(work: Promise<T>): Promise<T> {
    const result = await work;
    mustHaveReplayed = Math.max(mustHaveReplayed, await primaryLsn().catch(() => Infinity));
    return result;
  }

  const citizenRead = () => currentQueryClass() === 'citizen' && currentJurisdiction() === undefined;

  return {
    ...primary,
    async query<T>(text: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
      if (!citizenRead()) {
        const work = primary.query<T>(text, params);
        return currentQueryClass() === 'write' ? afterWrite(work) : work;
      }
      const replica = pick();
      if (!replica) return primary.query<T>(text, params);
      try {
        return await replica.db.query<T>(text, params);
      } catch (err) {
        // A broken connection or a replica gone: this read goes to the primary. A bad query fails there too.
        // (Socket errors carry codes like ECONNREFUSED; a SQLSTATE is five characters.)
        const code = (err as { code?: unknown }).code;
        const sqlState = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : null;
        if (sqlState !== null && !/^(08|57P|53)/.test(sqlState)) throw err;
        replica.status = {
          ...replica.status,
          state: 'down',
          error: failure(err),
          checked_at: new Date().toISOString(),
        };
        return primary.query<T>(text, params);
      }
    },
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return afterWrite(primary.transaction(fn));
    },
    exec(text: string): Promise<void> {
      return afterWrite(primary.exec(text));
    },
    readReplicas(): ReplicaStatus[] {
      return replicas.map((r) => ({ ...r.status }));
    },
    async close(): Promise<void> {
      closed = true;
      if (timer) clearTimeout(timer);
      await Promise.all([primary.close(), ...replicas.map((r) => r.db.close())]);
    },
  };
}

/** For tests and scripts: a replica's WAL replay position, to wait until it has caught up. */
export async function replayedBytes(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ lsn: number }>(`SELECT ${LSN.replace('%s', 'pg_last_wal_replay_lsn()')} AS lsn`);
    return Number(r.rows[0]?.lsn ?? 0);
  } finally {
    await c.end();
  }
}
