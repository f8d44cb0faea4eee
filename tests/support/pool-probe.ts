import { AsyncLocalStorage } from 'node:async_hooks';
import express, { type Express } from 'express';
import type { Database, Queryable, QueryResult } from '../../db/database.js';

/** Header naming a probed request; its value keys `PoolProbe.seen`. */
export const PROBE_ID_HEADER = 'x-test-probe-id';
/** Header asking that the probed request's first statement sleep this many seconds in the database. */
export const PROBE_SLEEP_HEADER = 'x-test-probe-sleep-s';

interface ProbeContext {
  id: string;
  sleepS: number;
  slept: boolean;
}

export interface PoolProbe {
  /** Pass this to createApp: the real database, with the probe in front of every statement. */
  db: Database;
  /** Mounts the app under a middleware that reads the probe headers; requests without them are untouched. */
  wrap: (app: Express) => Express;
  /** Probe id -> the application_name of the connection each of that request's statements was sent on. */
  seen: Map<string, string[]>;
}

/**
 * Server mode, tests only: tells which connection pool served each probed HTTP
 * request. Before every statement a probed request sends through the
 * `Database` interface, the probe sends one more through the same interface,
 * in the same async context, so the product's own routing picks its pool:
 * `SELECT current_setting('application_name'), pg_sleep($1)`. Each pool names
 * its connections `service-point-finder:<class>`; the first probe statement of
 * a request may sleep, which keeps a connection of that request's pool busy.
 */
export function poolProbe(inner: Database): PoolProbe {
  const storage = new AsyncLocalStorage<ProbeContext>();
  const seen = new Map<string, string[]>();

  async function probe(): Promise<void> {
    const p = storage.getStore();
    if (!p) return;
    const sleepS = p.slept ? 0 : p.sleepS;
    p.slept = true;
    const r = await inner.query<{ app: string }>("SELECT current_setting('application_name') AS app, pg_sleep($1)", [
      sleepS,
    ]);
    seen.get(p.id)?.push(r.rows[0]?.app ?? '');
  }

  const db: Database = {
    kind: inner.kind,
    async query<T>(text: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
      await probe();
      return inner.query<T>(text, params);
    },
    async exec(text: string): Promise<void> {
      await probe();
      await inner.exec(text);
    },
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return probe().then(() => inner.transaction(fn));
    },
    close: () => inner.close(),
  };

  function wrap(app: Express): Express {
    const outer = express();
    outer.use((req, _res, next) => {
      const id = req.get(PROBE_ID_HEADER);
      if (!id) {
        next();
        return;
      }
      seen.set(id, []);
      storage.run({ id, sleepS: Number(req.get(PROBE_SLEEP_HEADER) ?? 0), slept: false }, next);
    });
    outer.use(app);
    return outer;
  }

  return { db, wrap, seen };
}
