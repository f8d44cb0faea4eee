import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { requestLang } from '../http/lang.js';
import { boolParam, code, csvList, formatParam, langParam, latParam, LEVELS, lonParam } from '../http/list-params.js';
import type { OpenApiRoute } from '../http/openapi-route.js';
import { parseQuery } from '../http/parse-query.js';
import { sendList } from '../http/send-list.js';
import { nearestServicePoints } from '../queries/nearest-service-points.js';
import { toServicePoint } from '../queries/service-point-row.js';

export const MAX_NEAREST_LIMIT = 100;

export const nearestQuery = z.object({
  lon: lonParam,
  lat: latParam,
  limit: z.coerce.number().int().min(1).max(MAX_NEAREST_LIMIT).default(10),
  level: csvList(z.enum(LEVELS)),
  jurisdiction: csvList(code),
  category: csvList(code),
  language: csvList(z.string().regex(/^[a-z]{2,3}$/, 'a two- or three-letter language code')),
  accessibility: csvList(code),
  open_now: boolParam.optional(),
  max_distance_km: z.coerce.number().positive().max(10000).optional(),
  format: formatParam,
  lang: langParam,
});

export const servicePointsOpenApi: OpenApiRoute[] = [
  {
    method: 'get', path: '/api/service-points/nearest', tags: ['citizens'], query: nearestQuery,
    summary: 'The nearest published service points to a location, nearest first, with straight-line distance',
    produces: ['application/json', 'application/geo+json', 'text/csv'],
  },
];

/** Citizens' reads of service points. */
export function servicePointsRouter(db: Database): Router {
  const router = Router();

  router.get('/nearest', async (req, res) => {
    const q = parseQuery(nearestQuery, req);
    const lang = requestLang(req);
    const rows = await nearestServicePoints(db, {
      lon: q.lon,
      lat: q.lat,
      // open_now filters after the query; ask for more so the page stays full.
      limit: q.open_now ? Math.min(q.limit * 5, 500) : q.limit,
      levels: q.level,
      jurisdictions: q.jurisdiction,
      categories: q.category,
      languages: q.language,
      accessibility: q.accessibility,
      maxDistanceM: q.max_distance_km === undefined ? undefined : q.max_distance_km * 1000,
    });
    let results = rows.map((r) => toServicePoint(r, lang));
    if (q.open_now) results = results.filter((r) => r.open_now === true).slice(0, q.limit);
    sendList(res, q.format, results, {
      extra: { origin: { lon: q.lon, lat: q.lat }, distance_kind: 'straight_line' },
      filename: 'nearest-service-points',
    });
  });

  return router;
}
