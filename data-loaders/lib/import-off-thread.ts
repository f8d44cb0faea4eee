import { Worker } from 'node:worker_threads';
import type { Database, Queryable } from '../../db/database.js';
import { currentJurisdiction, currentQueryClass, runWithQueryClass } from '../../db/query-class.js';
import type { ImportOptions, ImportResult } from './import-feed.js';
import { LoadReport } from './load-report.js';
import type { FeedSpec } from './point-record.js';
import { recordFailedVersion } from './publish-feed.js';
import { rowIssue } from './row-issue.js';

/** A statement (or transaction step) the import worker asks the parent to run. */
export type WorkerRequest =
  | { id: number; op: 'query'; tx: number | null; text: string; params?: unknown[] }
  | { id: number; op: 'exec'; tx: number | null; text: string }
  | { id: number; op: 'begin' }
  | { id: number; op: 'end'; tx: number; commit: boolean };
export type WorkerReply =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { message: string; code?: string } };
type WorkerMessage =
  WorkerRequest | { op: 'done'; result: { status: ImportResult['status']; versionId: number | null; report: unknown } };

export interface OffThreadLimits {
  /** Wall-clock time an import may take, reading and writing (default 10 minutes, as the write class's statement timeout). */
  timeLimitMs?: number;
  /** The worker's heap (default 512 MiB); a file that needs more is refused, the server lives on. */
  maxOldGenerationSizeMb?: number;
}

const BOOT = new URL('./import-worker-boot.mjs', import.meta.url);
const ENTRY = new URL('./import-worker.ts', import.meta.url).href;

class Rollback extends Error {}

/**
 * importFeedFile, run in a worker thread so that no file, however crafted,
 * holds the thread that answers citizens: the worker reads, maps, validates
 * and geocodes, and in server mode writes through connections of its own, in
 * the caller's query class and jurisdiction (row-level security applies as for
 * the request itself); in the embedded mode this thread passes its statements
 * to the one PGlite database. The worker has a heap limit and a time limit; a file
 * that exceeds either is recorded as a failed version with its own code
 * (`import_memory_limit`, `import_time_limit`), any transaction it had open is
 * rolled back, and the published version stays exactly as it was.
 */
export function importFeedFileOffThread(
  db: Database,
  feed: FeedSpec,
  file: string,
  options: Omit<ImportOptions, 'gazetteer' | 'onProgress'>,
  limits: OffThreadLimits = {},
): Promise<ImportResult> {
  const cls = currentQueryClass();
  const jurisdiction = currentJurisdiction();
  const inContext = <T>(fn: () => Promise<T>): Promise<T> =>
    cls === undefined ? fn() : runWithQueryClass(cls, fn, jurisdiction);
  const txs = new Map<number, { tx: Queryable; end: (commit: boolean) => void; done: Promise<void> }>();
  let nextTx = 1;

  const ownConnection = db.workerConnection?.();
  const worker = new Worker(BOOT, {
    workerData: {
      entry: ENTRY,
      feed,
      file,
      options,
      kind: db.kind,
      // Server mode: the worker writes through connections of its own, in this request's class and jurisdiction.
      ...(ownConnection
        ? { connection: ownConnection, queryClass: cls, ...(jurisdiction ? { jurisdiction } : {}) }
        : {}),
    },
    resourceLimits: { maxOldGenerationSizeMb: limits.maxOldGenerationSizeMb ?? 512, maxYoungGenerationSizeMb: 32 },
  });

  async function begin(): Promise<number> {
    const id = nextTx++;
    let ready!: (tx: Queryable) => void;
    const started = new Promise<Queryable>((r) => (ready = r));
    let end!: (commit: boolean) => void;
    const ended = new Promise<boolean>((r) => (end = r));
    const done = inContext(() =>
      db.transaction(async (tx) => {
        ready(tx);
        if (!(await ended)) throw new Rollback();
      }),
    ).catch((err: unknown) => {
      if (!(err instanceof Rollback)) throw err;
    });
    const tx = await Promise.race([
      started,
      done.then(() => Promise.reject(new Error('the transaction ended before it began'))),
    ]);
    txs.set(id, { tx, end, done });
    return id;
  }

  async function run(m: WorkerRequest): Promise<unknown> {
    switch (m.op) {
      case 'begin':
        return begin();
      case 'end': {
        const t = txs.get(m.tx);
        if (!t) throw new Error('no such transaction');
        txs.delete(m.tx);
        t.end(m.commit);
        await t.done;
        return null;
      }
      case 'query':
      case 'exec': {
        const target = m.tx === null ? null : txs.get(m.tx)?.tx;
        if (m.tx !== null && !target) throw new Error('no such transaction');
        if (m.op === 'exec') return target ? target.exec(m.text) : inContext(() => db.exec(m.text));
        return target ? target.query(m.text, m.params) : inContext(() => db.query(m.text, m.params));
      }
    }
  }

  return new Promise<ImportResult>((resolve) => {
    let settled = false;
    const timer = setTimeout(() => void fail('import_time_limit'), limits.timeLimitMs ?? 10 * 60_000);

    async function closeTransactions(): Promise<void> {
      const open = [...txs.values()];
      txs.clear();
      for (const t of open) t.end(false);
      await Promise.allSettled(open.map((t) => t.done));
    }

    async function fail(code: 'import_time_limit' | 'import_memory_limit' | 'load_failed'): Promise<void> {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      await worker.terminate().catch(() => undefined);
      await closeTransactions();
      const report = new LoadReport();
      report.add(rowIssue(0, '', options.originalName, code));
      const versionId = await inContext(() =>
        recordFailedVersion(db, feed, { checksum: `failed:${code}`, sourceName: options.originalName, report }),
      );
      resolve({ status: 'failed', versionId, report });
    }

    worker.on('message', (m: WorkerMessage) => {
      if (m.op === 'done') {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        void worker
          .terminate()
          .then(closeTransactions)
          // The worker wrote through connections of its own: an empty transaction on this thread's
          // database lets the layers that watch writes see that one has ended (the nearest index
          // catches up before the steward's next read; the replica router keeps that read on the primary).
          .then(() => (ownConnection ? inContext(() => db.transaction(async () => undefined)) : undefined))
          .catch(() => undefined)
          .finally(() => {
            resolve({
              status: m.result.status,
              versionId: m.result.versionId,
              report: LoadReport.fromJSON(m.result.report),
            });
          });
        return;
      }
      run(m)
        .then(
          (value) => worker.postMessage({ id: m.id, ok: true, value } satisfies WorkerReply),
          (err: Error & { code?: unknown }) =>
            worker.postMessage({
              id: m.id,
              ok: false,
              error: { message: err.message, ...(typeof err.code === 'string' ? { code: err.code } : {}) },
            } satisfies WorkerReply),
        )
        .catch(() => undefined);
    });
    worker.on(
      'error',
      (err: Error & { code?: string }) =>
        void fail(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'import_memory_limit' : 'load_failed'),
    );
    worker.on('exit', () => void fail('load_failed'));
  });
}
