import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { AppError } from './app-error.js';

export interface LimitOptions {
  perMinute: number;
  writesPerMinute: number;
}

const tooMany = {
  en: 'Too many requests. Please wait a minute and try again.',
  fr: 'Trop de requêtes. Veuillez patienter une minute et réessayer.',
};

/**
 * Per-client request limits: one for public reads, a stricter one for uploads
 * and other writes. The client is `req.ip`, which honours X-Forwarded-For only
 * from the proxies `trust proxy` names, so a forged header changes nothing.
 */
export function requestLimits({ perMinute, writesPerMinute }: LimitOptions): RequestHandler[] {
  const handler: RequestHandler = (_req, _res, next) => next(new AppError(429, 'too_many_requests', tooMany));
  const out: RequestHandler[] = [];
  if (perMinute > 0) {
    out.push(
      rateLimit({
        windowMs: 60_000,
        limit: perMinute,
        standardHeaders: 'draft-7',
        legacyHeaders: false,
        handler,
        skip: (req) => req.path === '/api/health' || req.path === '/api/ready',
      }),
    );
  }
  if (writesPerMinute > 0) {
    out.push(
      rateLimit({
        windowMs: 60_000,
        limit: writesPerMinute,
        standardHeaders: 'draft-7',
        legacyHeaders: false,
        handler,
        skip: (req) => req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS',
      }),
    );
  }
  return out;
}
