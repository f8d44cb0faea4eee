import fs from 'node:fs';
import { PGlite, types as pgliteTypes, type Transaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { postgis } from '@electric-sql/pglite-postgis';
import type { Database, Queryable, QueryResult } from './database.js';

const parsers = {
  [pgliteTypes.INT8]: (v: string) => Number(v),
  [pgliteTypes.NUMERIC]: (v: string) => Number(v),
};

function wrap(db: PGlite | Transaction): Queryable {
  return {
    async query<T>(text: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
      const r = await db.query<T>(text, params as unknown[] | undefined, { parsers });
      // PGlite reports 0 affected rows for a SELECT; count the rows returned, as pg does.
      return { rows: r.rows, rowCount: Math.max(r.affectedRows ?? 0, r.rows.length) };
    },
    async exec(text: string): Promise<void> {
      await db.exec(text);
    },
  };
}

/**
 * Embedded mode: PGlite with PostGIS, pg_trgm and unaccent, persisted in `dataDir`.
 * The first open of a new directory initialises it; later opens reuse it.
 */
export async function createPgliteDatabase(dataDir: string): Promise<Database> {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir, extensions: { postgis, pg_trgm, unaccent } });
  const base = wrap(db);
  return {
    kind: 'pglite',
    query: base.query,
    exec: base.exec,
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return db.transaction((tx) => fn(wrap(tx)));
    },
    async listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
      return db.listen(channel, onNotify);
    },
    async close(): Promise<void> {
      await db.close();
    },
  };
}
