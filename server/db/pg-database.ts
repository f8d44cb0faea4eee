import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Database, Queryable, QueryResult } from './database.js';

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
      const r = await client.query({ name: prepared ? statementName(text) : undefined, text, values: params as unknown[] | undefined, types });
      return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
    },
    async exec(text: string): Promise<void> {
      await client.query(text);
    },
  };
}

/** Server mode: PostgreSQL + PostGIS through a `pg` pool. */
export function createPgDatabase(connectionString: string, options: { max?: number } = {}): Database {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, application_name: 'service-point-finder' });
  // An idle client losing its server (restart, terminate) must not crash the process.
  pool.on('error', () => undefined);
  const base = wrap(pool);
  return {
    kind: 'postgis',
    query: base.query,
    exec: base.exec,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
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
      }
    },
    async close(): Promise<void> {
      await pool.end();
    },
  };
}
