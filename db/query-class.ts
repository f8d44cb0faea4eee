import { AsyncLocalStorage } from 'node:async_hooks';
import type { Request, RequestHandler } from 'express';

/**
 * Which kind of work a query is, so each kind gets its own connection pool and
 * statement timeout: a busy analyst can never take the connections a citizen's
 * search needs. `batch` (every jurisdiction, the tables' owner) exists only in a
 * database opened for batch work; the server's database has no such class.
 */
export type QueryClass = 'citizen' | 'analysis' | 'write' | 'batch';

interface QueryContext {
  cls: QueryClass;
  /** The jurisdiction an authenticated writer acts for; the database enforces it (row-level security). */
  jurisdiction?: string;
}

const storage = new AsyncLocalStorage<QueryContext>();

/**
 * The class of the work in progress, or undefined outside any request or job.
 * A database then falls back to its own default: no privilege at all for the
 * server's, batch only for a database opened for batch work (migrations,
 * command-line loads). Privileges never come from a missing context.
 */
export function currentQueryClass(): QueryClass | undefined {
  return storage.getStore()?.cls;
}

/** The jurisdiction the current request's API key acts for, if any. */
export function currentJurisdiction(): string | undefined {
  return storage.getStore()?.jurisdiction;
}

/**
 * Records, for the rest of this request only, the jurisdiction its API key
 * belongs to. Every write the request makes runs with it as the database's
 * row-level-security context; nothing carries over to the next request.
 */
export function setRequestJurisdiction(jurisdictionId: string): void {
  const store = storage.getStore();
  if (store) store.jurisdiction = jurisdictionId;
}

export function runWithQueryClass<T>(cls: QueryClass, fn: () => T, jurisdiction?: string): T {
  return storage.run(jurisdiction === undefined ? { cls } : { cls, jurisdiction }, fn);
}

/** The class of an HTTP request: writes, the analyses, and everything else (citizens' reads). */
export function classifyRequest(req: Pick<Request, 'method' | 'path'>): QueryClass {
  if (req.method !== 'GET' && req.method !== 'HEAD') return 'write';
  if (/^\/api\/(coverage|gaps|partnerships|layers)(\/|$)/.test(req.path)) return 'analysis';
  // Analysts' reports and the population layer can rebuild stored coverage: not a citizen's budget.
  if (/^\/api\/channels\/(availability|standards-report)(\/|$)/.test(req.path)) return 'analysis';
  // So can the atlas layers, which also run the analyses under their filters: every tile but the service points'.
  if (/^\/tiles\//.test(req.path) && !/^\/tiles\/service_points\//.test(req.path)) return 'analysis';
  return 'citizen';
}

/** Runs the rest of the request inside its query class. */
export const queryClassMiddleware: RequestHandler = (req, _res, next) => {
  storage.run({ cls: classifyRequest(req) }, next);
};
