/**
 * The body of an import run off the request thread (see import-off-thread.ts):
 * reading, mapping, validating and geocoding a steward's file all happen here,
 * in a worker thread with its own heap limit. In server mode the worker opens
 * connections of its own (the app's role, the request's query class and
 * jurisdiction, so row-level security applies as for the request itself); in
 * the embedded mode the one PGlite database lives on the parent thread, which
 * runs each statement for the worker. Nothing here can block the thread that
 * answers citizens.
 */
import fs from 'node:fs';
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { Database, Queryable, QueryResult, WorkerConnection } from '../../db/database.js';
import { createPgDatabase } from '../../db/pg-database.js';
import { runWithQueryClass, type QueryClass } from '../../db/query-class.js';
import { importFeedFile, type ImportOptions } from './import-feed.js';
import type { FeedSpec } from './point-record.js';
import type { WorkerReply, WorkerRequest } from './import-off-thread.js';

// The import is background work: on Linux this thread lowers its own scheduling priority
// (nice 10; /proc/thread-self names its thread id), so on a busy machine the thread that
// answers citizens, and the database, get the processor first.
try {
  const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(tid) && tid > 0) os.setPriority(tid, 10);
} catch {
  // Not Linux, or not allowed: the import runs at the process's priority.
}

const port = parentPort;
if (!port) throw new Error('import-worker runs as a worker thread');
const input = workerData as {
  feed: FeedSpec;
  file: string;
  options: ImportOptions;
  kind: Database['kind'];
  connection?: WorkerConnection;
  queryClass?: QueryClass;
  jurisdiction?: string;
};

let nextId = 1;
const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
port.on('message', (m: WorkerReply) => {
  const p = pending.get(m.id);
  if (!p) return;
  pending.delete(m.id);
  if (m.ok) p.resolve(m.value);
  else p.reject(Object.assign(new Error(m.error.message), { code: m.error.code }));
});

type Call = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;
function call<T>(request: Call): Promise<T> {
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    port!.postMessage({ ...request, id });
  });
}

function remote(tx: number | null): Queryable {
  return {
    query: <T>(text: string, params?: readonly unknown[]) =>
      call<QueryResult<T>>({ op: 'query', tx, text, params: params ? [...params] : undefined }),
    exec: (text: string) => call<void>({ op: 'exec', tx, text }),
  };
}

const throughParent: Database = {
  kind: input.kind,
  ...remote(null),
  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const tx = await call<number>({ op: 'begin' });
    let result: T;
    try {
      result = await fn(remote(tx));
    } catch (err) {
      await call<void>({ op: 'end', tx, commit: false }).catch(() => undefined);
      throw err;
    }
    await call<void>({ op: 'end', tx, commit: true });
    return result;
  },
  async close() {},
};

// Three connections at most: one transaction and the reads it makes beside it.
const own = input.connection
  ? createPgDatabase(input.connection.connectionString, {
      max: 3,
      statementTimeoutMs: input.connection.statementTimeoutMs,
    })
  : null;
const db = own ?? throughParent;
const run = () => importFeedFile(db, input.feed, input.file, input.options);
let result: Awaited<ReturnType<typeof importFeedFile>>;
try {
  result = await (own && input.queryClass ? runWithQueryClass(input.queryClass, run, input.jurisdiction) : run());
} finally {
  await own?.close();
}
port.postMessage({
  op: 'done',
  result: { status: result.status, versionId: result.versionId, report: result.report.toJSON() },
});
