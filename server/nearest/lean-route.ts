import type { ServerResponse } from 'node:http';
import compression from 'compression';
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import { classifyRequest, runWithQueryClass } from '../../db/query-class.js';
import type { Logger } from '../logger.js';

export interface LeanRouteOptions {
  /** The general chain's header middleware whose headers do not depend on the request (helmet, CORS for a GET). */
  headerMiddleware: RequestHandler[];
  /** The chain's access log (pino-http): run only when it would write a line for a request that succeeds. */
  accessLog: RequestHandler;
  /** The chain's compression middleware: run only when the request asks for an encoding. */
  compression: RequestHandler;
  /** The chain's per-client read limit (the same counters), or null when it is off. */
  readLimit: RequestHandler | null;
  /** What the route itself answers (the same function the general chain ends in). */
  answer: (req: Request, res: Response) => Promise<void>;
  errorHandler: ErrorRequestHandler;
  logger: Logger;
}

/**
 * The headers some middleware sets on every response whatever the request, as
 * it sets them: run once on a stand-in request and response. A middleware that
 * does not finish at once, or reads or removes what it did not set, is refused
 * (its headers could depend on the request).
 */
export function constantHeaders(middleware: RequestHandler[]): [string, number | string | string[]][] {
  const headers = new Map<string, [string, number | string | string[]]>();
  const req = { method: 'GET', url: '/api/service-points/nearest', headers: {} } as unknown as Request;
  const res = {
    setHeader(name: string, value: number | string | string[]) {
      headers.set(name.toLowerCase(), [name, value]);
      return res;
    },
    getHeader: (name: string) => headers.get(name.toLowerCase())?.[1],
    // helmet removes X-Powered-By, which the app never sends.
    removeHeader: (name: string) => void headers.delete(name.toLowerCase()),
  } as unknown as Response;
  for (const m of middleware) {
    let done = false;
    void m(req, res, (err?: unknown) => {
      if (err) throw err instanceof Error ? err : new Error(String(err));
      done = true;
    });
    if (!done) throw new Error('lean nearest route: a header middleware did not finish at once');
  }
  return [...headers.values()];
}

/** Content types compression compresses (its own filter) and Cache-Control that forbids it (as compression reads it). */
const NO_TRANSFORM = /(?:^|,)\s*?no-transform\s*?(?:,|$)/;

/**
 * Compression adds `Vary: Accept-Encoding` to every compressible answer, asked
 * for or not, when the headers go out. Without an Accept-Encoding there is
 * nothing else for it to do: the same Vary is added here, at the same moment.
 */
function varyAsCompressionWould(req: Request, res: Response): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    const cacheControl = res.getHeader('Cache-Control');
    if (compression.filter(req, res) && !(typeof cacheControl === 'string' && NO_TRANSFORM.test(cacheControl)))
      res.vary('Accept-Encoding');
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as typeof res.writeHead;
}

/**
 * GET /api/service-points/nearest ahead of the general middleware chain: the
 * citizen's most frequent request does only what changes its answer. The
 * chain's constant headers are computed once and set; the access log,
 * compression and the read limit are the chain's own middleware (the same
 * counters), each run only when it has something to do; the answer is the
 * route's own. A request with a body goes down the general chain (which would
 * parse it), as does every other method.
 */
export function leanNearestRoute(o: LeanRouteOptions): RequestHandler {
  const headers = constantHeaders(o.headerMiddleware);
  const logsEveryRequest = o.logger.isLevelEnabled('info');
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] ?? '0') !== '0') {
      next();
      return;
    }
    for (const [name, value] of headers) res.setHeader(name, value);
    const fail = (err: unknown) => o.errorHandler(err, req, res, next);
    const answer = () => {
      runWithQueryClass(classifyRequest(req), () => o.answer(req, res)).catch(fail);
    };
    const limited = () => {
      if (o.readLimit) void o.readLimit(req, res, (err?: unknown) => (err ? fail(err) : answer()));
      else answer();
    };
    const compressed = () => {
      if (req.headers['accept-encoding'] !== undefined) void o.compression(req, res, limited);
      else {
        varyAsCompressionWould(req, res);
        limited();
      }
    };
    // Above `info`, the access log writes only for failures, which the error handler logs with this logger.
    if (logsEveryRequest) void o.accessLog(req, res, compressed);
    else {
      req.log = o.logger;
      compressed();
    }
  };
}
