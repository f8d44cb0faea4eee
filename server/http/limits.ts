import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { AppError } from './app-error.js';

export interface LimitOptions {
  perMinute: number;
  writesPerMinute: number;
}

export interface RequestLimits {
  /** Every request but health checks (null: off). */
  reads: RequestHandler | null;
  /** Writes only: GET, HEAD and OPTIONS pass it untouched (null: off). */
  writes: RequestHandler | null;
}

const tooMany = {
  en: 'Too many requests. Please wait a minute and try again.',
  fr: 'Trop de requêtes. Veuillez patienter une minute et réessayer.',
};

/**
 * Per-client request limits: one for public reads, a stricter one for uploads
 * and other writes. The client is `req.ip`, which honours X-Forwarded-For only
 * from the proxies `trust proxy` names, so a forged header changes nothing.
 * Each limit is one counter per client, whichever route a request takes.
 */
export function requestLimits({ perMinute, writesPerMinute }: LimitOptions): RequestLimits {
  const handler: RequestHandler = (_req, _res, next) => next(new AppError(429, 'too_many_requests', tooMany));
  return {
    reads:
      perMinute > 0
        ? rateLimit({
            windowMs: 60_000,
            limit: perMinute,
            standardHeaders: 'draft-7',
            legacyHeaders: false,
            handler,
            skip: (req) => req.path === '/api/health' || req.path === '/api/ready',
          })
        : null,
    writes:
      writesPerMinute > 0
        ? rateLimit({
            windowMs: 60_000,
            limit: writesPerMinute,
            standardHeaders: 'draft-7',
            legacyHeaders: false,
            handler,
            skip: (req) => req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS',
          })
        : null,
  };
}
