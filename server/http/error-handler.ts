import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Problem } from '../../contract/common.js';
import { AppError } from './app-error.js';
import { requestLang } from './lang.js';
import { messages } from './messages.js';

const PROBLEM_BASE = 'https://github.com/service-point-finder/problems#';

/** Unknown /api paths are problem+json 404s, not the client's index page. */
export const notFound: RequestHandler = (_req, _res, next) => {
  next(new AppError(404, 'not_found', 'route_not_found'));
};

function isConnectionFailure(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return (
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    code === '57P01' || // admin_shutdown
    code === '57P03' || // cannot_connect_now
    code === '08006' ||
    code === '08001' ||
    /Connection terminated|timeout exceeded when trying to connect/i.test(String((err as Error | null)?.message))
  );
}

/**
 * Renders every error as RFC 9457 problem+json in the caller's language.
 * Stack traces and SQL never reach the response; they go to the log.
 */
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const lang = requestLang(req);
  let appError: AppError;
  if (err instanceof AppError) {
    appError = err;
  } else if ((err as { type?: string }).type === 'entity.too.large') {
    appError = new AppError(413, 'payload_too_large', {
      en: 'The request body is too large.',
      fr: 'Le corps de la requête est trop volumineux.',
    });
  } else if ((err as { type?: string }).type === 'entity.parse.failed') {
    appError = new AppError(400, 'bad_request', {
      en: 'The request body is not valid JSON.',
      fr: 'Le corps de la requête n’est pas du JSON valide.',
    });
  } else if ((err as { code?: string } | null)?.code === '57014') {
    // statement_timeout of the request's query class: the database is busy, not broken.
    req.log?.warn({ err }, 'query timed out');
    appError = new AppError(503, 'unavailable', 'query_timeout');
  } else if (isConnectionFailure(err)) {
    req.log?.warn({ err }, 'database unavailable');
    appError = new AppError(503, 'unavailable', 'database_unavailable');
  } else {
    req.log?.error({ err }, 'unhandled error');
    appError = new AppError(500, 'internal', 'internal_detail');
  }
  const detail = typeof appError.detailKey === 'string' ? messages[appError.detailKey] : appError.detailKey;
  const body: Problem = {
    type: `${PROBLEM_BASE}${appError.titleKey}`,
    title: messages[appError.titleKey][lang],
    status: appError.status,
    detail: detail[lang],
  };
  if (appError.errors.length > 0) {
    body.errors = appError.errors.map((e) => ({
      field: e.field,
      message: lang === 'fr' ? e.message_fr : e.message_en,
      message_en: e.message_en,
      message_fr: e.message_fr,
    }));
  }
  if (appError.status === 503) res.set('Retry-After', '5');
  res.status(appError.status).type('application/problem+json').send(JSON.stringify(body));
};
