import type { RequestHandler, Response } from 'express';
import type { Database } from '../../db/database.js';
import { setRequestJurisdiction } from '../../db/query-class.js';
import { AppError } from '../http/app-error.js';
import { verifyApiKey, type ApiKeyIdentity } from './api-keys.js';

/**
 * Express middleware for writes: `Authorization: Bearer <api key>` must name a
 * live key. The key itself is never logged (the request logger records only
 * method and URL) and never echoed back.
 */
export function requireApiKey(db: Database): RequestHandler {
  return async (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    res.set('WWW-Authenticate', 'Bearer realm="feeds"');
    if (!m?.[1]) return next(new AppError(401, 'unauthorized', 'api_key_required'));
    const identity = await verifyApiKey(db, m[1]);
    if (!identity) return next(new AppError(401, 'unauthorized', 'api_key_invalid'));
    res.removeHeader('WWW-Authenticate');
    res.locals['apiKey'] = identity;
    // The database enforces the same boundary: this request's writes act for this jurisdiction only.
    setRequestJurisdiction(identity.jurisdictionId);
    next();
  };
}

/** The identity `requireApiKey` found for this request. */
export function apiKeyOf(res: Response): ApiKeyIdentity {
  const identity = res.locals['apiKey'] as ApiKeyIdentity | undefined;
  if (!identity) throw new AppError(401, 'unauthorized', 'api_key_required');
  return identity;
}

/** 403 unless the request's key belongs to `jurisdictionId`, whatever else the request says. */
export function assertOwnJurisdiction(res: Response, jurisdictionId: string): void {
  if (apiKeyOf(res).jurisdictionId !== jurisdictionId) throw new AppError(403, 'forbidden', 'other_jurisdiction');
}
