/** The one small interface every part of the product talks to the database through. */
export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export interface Queryable {
  /** Runs one statement with every value bound as `$n`. */
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Runs a script of several statements with no parameters (migrations). */
  exec(text: string): Promise<void>;
}

/** What GET /api/ready says about each read replica. */
export interface ReplicaStatus {
  /** "replica N", by position in READ_DATABASE_URL (never its host or credentials). */
  name: string;
  /** ok: takes citizens' reads; lagging: behind by more than the bound; down: unreachable or not a standby. */
  state: 'unknown' | 'ok' | 'lagging' | 'down';
  /** Seconds behind the primary (0 when it has replayed everything the primary had written at the last check). */
  lag_seconds: number | null;
  /** Bytes of WAL behind the primary at the last check. */
  lag_bytes: number | null;
  checked_at: string | null;
  error?: string;
}

export type DatabaseKind = 'postgis' | 'pglite';

export interface Database extends Queryable {
  readonly kind: DatabaseKind;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * Calls `onNotify` for each NOTIFY on `channel` (LISTEN on a connection of
   * its own in server mode; PGlite's own listener in embedded mode). Resolves
   * to a function that stops listening.
   */
  listen?(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  /** Server mode with READ_DATABASE_URL: each read replica's state and lag. */
  readReplicas?(): ReplicaStatus[];
  /**
   * Server mode: how another thread of this process opens connections of its own to the
   * same database. A steward's import runs in a worker thread and writes through them, so
   * none of its statements, results or rows pass through the thread that answers citizens.
   */
  workerConnection?(): WorkerConnection;
}

/** What a worker thread needs to open its own connections (the app's role, never the owner's). */
export interface WorkerConnection {
  connectionString: string;
  /** The same statement timeouts per query class as the server's own pools. */
  statementTimeoutMs: Partial<Record<'citizen' | 'analysis' | 'write' | 'batch', number>>;
}
