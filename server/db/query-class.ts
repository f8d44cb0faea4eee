import { AsyncLocalStorage } from 'node:async_hooks';
import type { Request, RequestHandler } from 'express';

/**
 * Which kind of work a query is, so each kind gets its own connection pool and
 * statement timeout: a busy analyst can never take the connections a citizen's
 * search needs. Outside a request (loaders, migrations) work is `batch`.
 */
export type QueryClass = 'citizen' | 'analysis' | 'write' | 'batch';

const storage = new AsyncLocalStorage<QueryClass>();

export function currentQueryClass(): QueryClass {
  return storage.getStore() ?? 'batch';
}

export function runWithQueryClass<T>(cls: QueryClass, fn: () => T): T {
  return storage.run(cls, fn);
}

/** The class of an HTTP request: writes, the analyses, and everything else (citizens' reads). */
export function classifyRequest(req: Pick<Request, 'method' | 'path'>): QueryClass {
  if (req.method !== 'GET' && req.method !== 'HEAD') return 'write';
  if (/^\/api\/(coverage|gaps|partnerships)(\/|$)/.test(req.path)) return 'analysis';
  return 'citizen';
}

/** Runs the rest of the request inside its query class. */
export const queryClassMiddleware: RequestHandler = (req, _res, next) => {
  storage.run(classifyRequest(req), next);
};
