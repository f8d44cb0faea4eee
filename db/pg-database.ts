import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Database, Queryable, QueryResult } from './database.js';
import { currentJurisdiction, currentQueryClass, type QueryClass } from './query-class.js';

/** int8 (counts, sums of population) fit comfortably in a JS number here. */
const types = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === 20) return (v: string) => Number(v);
    if (oid === 1700) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as 'text');
  }) as typeof pg.types.getTypeParser,
};

const statementNames = new Map<string, string>();

/**
 * A name per distinct SQL text, so each pooled connection prepares a query
 * once and reuses its plan (the queries are few and fixed: files in sql/).
 */
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `s${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    statementNames.set(text, name);
  }
  return name;
}

function wrap(client: pg.ClientBase | pg.Pool): Queryable {
  return {
    async query<T>(text: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
      const prepared = params !== undefined && params.length > 0;
      const r = await client.query({
        name: prepared ? statementName(text) : undefined,
        text,
        values: params as unknown[] | undefined,
        types,
      });
      return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
    },
    async exec(text: string): Promise<void> {
      await client.query(text);
    },
  };
}

export interface PgPoolOptions {
  /** Connections for citizens' reads; the other classes get their own, smaller pools. */
  max?: number;
  /** Milliseconds a statement may run, per class; a cancelled statement becomes a 503. */
  statementTimeoutMs?: Partial<Record<QueryClass, number>>;
  /**
   * A database for batch work (migrations, command-line loads, the first
   * start's seeding): statements outside any request run as `batch`, for every
   * jurisdiction. Without it (the server's database) a statement outside a
   * request has no privilege (it reads; row-level security refuses its
   * writes), and the batch class is refused outright.
   */
  batch?: boolean;
  /**
   * Batch databases only: the tables' owner's URL, when the app's own role
   * must not own the tables. Defaults to the connection string.
   */
  ownerConnectionString?: string;
}

const DEFAULT_TIMEOUTS: Record<QueryClass, number> = { citizen: 5_000, analysis: 60_000, write: 600_000, batch: 0 };

/**
 * Server mode: PostgreSQL + PostGIS through `pg` pools, one per query class
 * (citizen, analysis, write, batch), each with its own statement timeout.
 */
export function createPgDatabase(connectionString: string, options: PgPoolOptions = {}): Database {
  const max = options.max ?? 10;
  const sizes: Record<QueryClass, number> = {
    citizen: max,
    analysis: Math.max(1, Math.ceil(max / 3)),
    write: Math.max(1, Math.ceil(max / 3)),
    batch: Math.max(1, Math.ceil(max / 3)),
  };
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.statementTimeoutMs };
  const pools = new Map<QueryClass, pg.Pool>();
  const batch = options.batch === true;
  if (options.ownerConnectionString && !batch) throw new Error('the owner’s connection is for batch databases only');
  // Fail closed: outside a request, the server's database acts for nobody.
  const classNow = (): QueryClass => {
    const cls = currentQueryClass() ?? (batch ? 'batch' : 'citizen');
    if (cls === 'batch' && !batch)
      throw new Error('batch work needs a database opened for batch work (migrations, command-line loads)');
    return cls;
  };
  function pool(): pg.Pool {
    const cls = classNow();
    let p = pools.get(cls);
    if (!p) {
      p = new pg.Pool({
        connectionString: cls === 'batch' ? (options.ownerConnectionString ?? connectionString) : connectionString,
        // Batch work (operators' loads, migrations) may write for any jurisdiction; requests get
        // their jurisdiction per transaction below, or none (row-level security then refuses writes).
        options: cls === 'batch' ? '-c app.jurisdiction_id=*' : undefined,
        max: sizes[cls],
        application_name: `service-point-finder:${cls}`,
        // Fail fast while the database is down or the pool is saturated, rather than hang.
        connectionTimeoutMillis: cls === 'batch' ? 30_000 : 3_000,
        statement_timeout: timeouts[cls] || undefined,
      });
      // An idle client losing its server (restart, terminate) must not crash the process.
      p.on('error', () => undefined);
      pools.set(cls, p);
    }
    return p;
  }
  async function transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await pool().connect();
    // A connection cut while checked out (pg_terminate_backend, a restart) also emits 'error' on
    // the client; unheard, that event would crash the process. The query in flight rejects anyway.
    const onLost = () => undefined;
    client.on('error', onLost);
    try {
      await client.query('BEGIN');
      const jurisdiction = currentJurisdiction();
      // Transaction-local: the pooled connection forgets it at COMMIT or ROLLBACK.
      if (jurisdiction !== undefined)
        await client.query("SELECT set_config('app.jurisdiction_id', $1, true)", [jurisdiction]);
      const result = await fn(wrap(client));
      await client.query('COMMIT');
      client.release();
      return result;
    } catch (err) {
      try {
        await client.query('ROLLBACK');
        client.release();
      } catch {
        // The connection itself is broken: drop it from the pool.
        client.release(true);
      }
      throw err;
    } finally {
      client.removeListener('error', onLost);
    }
  }
  // An authenticated request's statements run inside a transaction that carries its jurisdiction.
  const scoped = () => currentJurisdiction() !== undefined && classNow() !== 'batch';
  const listener = createListener(connectionString);
  return {
    kind: 'postgis',
    listen: listener.listen,
    query: async (text, params) =>
      scoped() ? transaction((tx) => tx.query(text, params)) : wrap(pool()).query(text, params),
    exec: async (text) => (scoped() ? transaction((tx) => tx.exec(text)) : wrap(pool()).exec(text)),
    transaction,
    // Batch databases (command-line loads, migrations) run their imports in their own thread.
    ...(batch ? {} : { workerConnection: () => ({ connectionString, statementTimeoutMs: { ...timeouts } }) }),
    async close(): Promise<void> {
      await Promise.all([...pools.values()].map((p) => p.end()));
      pools.clear();
      await listener.close();
    },
  };
}

/**
 * LISTEN on one connection of its own, opened at the first `listen`. When the
 * connection is lost (restart, terminate) every listener is told once with the
 * payload `connection_lost` (what it was waiting for may have been missed), and
 * the connection is opened again after a second.
 */
function createListener(connectionString: string) {
  const handlers = new Map<string, Set<(payload: string) => void>>();
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  const quote = (channel: string) => `"${channel.replace(/"/g, '""')}"`;

  function connect(): Promise<pg.Client> {
    if (client) return Promise.resolve(client);
    connecting ??= (async () => {
      const c = new pg.Client({ connectionString, application_name: 'service-point-finder:listen' });
      c.on('notification', (m) => handlers.get(m.channel)?.forEach((h) => h(m.payload ?? '')));
      c.on('error', () => lost(c));
      c.on('end', () => lost(c));
      try {
        await c.connect();
        for (const channel of handlers.keys()) await c.query(`LISTEN ${quote(channel)}`);
      } catch (err) {
        c.end().catch(() => undefined);
        throw err;
      }
      client = c;
      return c;
    })().finally(() => {
      connecting = null;
    });
    return connecting;
  }

  function lost(c: pg.Client): void {
    if (client !== c) return;
    client = null;
    c.end().catch(() => undefined);
    if (closed) return;
    for (const set of handlers.values()) set.forEach((h) => h('connection_lost'));
    reconnectLater();
  }

  function reconnectLater(): void {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = null;
      if (!closed && handlers.size > 0) connect().catch(reconnectLater);
    }, 1000);
    retry.unref();
  }

  return {
    async listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
      let set = handlers.get(channel);
      const first = !set;
      if (!set) handlers.set(channel, (set = new Set()));
      set.add(onNotify);
      const c = await connect();
      if (first) await c.query(`LISTEN ${quote(channel)}`);
      return async () => {
        set.delete(onNotify);
        if (set.size === 0) {
          handlers.delete(channel);
          await client?.query(`UNLISTEN ${quote(channel)}`).catch(() => undefined);
        }
      };
    },
    async close(): Promise<void> {
      closed = true;
      if (retry) clearTimeout(retry);
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}
