import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { AppError } from '../http/app-error.js';
import { bboxParam } from '../http/bbox-param.js';
import { requestLang } from '../http/lang.js';
import { formatParam, langParam, latParam, lonParam, pointFilterShape } from '../http/list-params.js';
import type { OpenApiRoute } from '../http/openapi-route.js';
import { parseParams, parseQuery } from '../http/parse-query.js';
import { sendList } from '../http/send-list.js';
import type { PublishedPointIndex } from '../nearest/published-point-index.js';
import { nearestJsonBody } from '../nearest/nearest-json.js';
import { nearestServicePoints, type NearestParams } from '../queries/nearest-service-points.js';
import { servicePointById } from '../queries/service-point-by-id.js';
import { toServicePoint, type ServicePoint, type ServicePointRow } from '../queries/service-point-row.js';
import { servicePointsInBbox } from '../queries/service-points-in-bbox.js';

export const MAX_NEAREST_LIMIT = 100;
export const MAX_PAGE_LIMIT = 500;
/** About the size of southern Ontario; a wider view is what the tiles are for. */
export const MAX_BBOX_AREA_DEG2 = 500;
/** How many candidates open_now=true may scan before it gives up on filling a page. */
const OPEN_NOW_SCAN_CAP = 2000;

export const nearestQuery = z.object({
  lon: lonParam,
  lat: latParam,
  limit: z.coerce.number().int().min(1).max(MAX_NEAREST_LIMIT).default(10),
  ...pointFilterShape,
  max_distance_km: z.coerce.number().positive().max(10000).optional(),
  format: formatParam,
  lang: langParam,
});

export const bboxQuery = z.object({
  bbox: bboxParam(MAX_BBOX_AREA_DEG2),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_LIMIT).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  ...pointFilterShape,
  format: formatParam,
  lang: langParam,
});

export const pointIdParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a service point id') });
export const pointByIdQuery = z.object({ format: z.enum(['json', 'geojson']).default('json'), lang: langParam });

export const servicePointsOpenApi: OpenApiRoute[] = [
  {
    method: 'get', path: '/api/service-points/nearest', tags: ['citizens'], query: nearestQuery,
    summary: 'The nearest published service points to a location, nearest first, with straight-line distance',
    produces: ['application/json', 'application/geo+json', 'text/csv'],
  },
  {
    method: 'get', path: '/api/service-points', tags: ['citizens'], query: bboxQuery,
    summary: 'Published service points inside a bounding box, one page at a time (follow next_offset)',
    produces: ['application/json', 'application/geo+json', 'text/csv'],
  },
  {
    method: 'get', path: '/api/service-points/{id}', tags: ['citizens'], params: pointIdParams, query: pointByIdQuery, errors: [404],
    summary: 'One published service point by its stable id (404 when no published point has it)',
    produces: ['application/json', 'application/geo+json'],
  },
];

/**
 * The nearest points that are open now. Points without hours never match, so
 * the query skips them; among the rest, ask for more in rounds until the page
 * is full or the candidates run out (a Sunday night in a small town).
 */
async function nearestOpen(find: NearestFinder, params: NearestParams, lang: 'en' | 'fr', now: Date): Promise<ServicePoint[]> {
  let fetch = Math.min(params.limit * 4, OPEN_NOW_SCAN_CAP);
  for (;;) {
    const rows = await find({ ...params, limit: fetch, onlyWithHours: true });
    const open = rows.map((r) => toServicePoint(r, lang, now)).filter((p) => p.open_now === true);
    if (open.length >= params.limit || rows.length < fetch || fetch >= OPEN_NOW_SCAN_CAP) return open.slice(0, params.limit);
    fetch = Math.min(fetch * 4, OPEN_NOW_SCAN_CAP);
  }
}

type NearestFinder = (p: NearestParams) => Promise<ServicePointRow[]> | ServicePointRow[];

/**
 * Citizens' reads of service points. With `index`, nearest answers come from
 * memory whenever the index is current, else from nearest_service_points.sql.
 */
export function servicePointsRouter(db: Database, index?: PublishedPointIndex | null): Router {
  const router = Router();
  const find: NearestFinder = (p) => index?.nearest(p) ?? nearestServicePoints(db, p);

  router.get('/nearest', async (req, res) => {
    const q = parseQuery(nearestQuery, req);
    const lang = requestLang(req);
    const now = new Date();
    const params: NearestParams = {
      lon: q.lon,
      lat: q.lat,
      limit: q.limit,
      levels: q.level,
      jurisdictions: q.jurisdiction,
      categories: q.category,
      languages: q.language,
      accessibility: q.accessibility,
      maxDistanceM: q.max_distance_km === undefined ? undefined : q.max_distance_km * 1000,
    };
    const extra = { origin: { lon: q.lon, lat: q.lat }, distance_kind: 'straight_line' };
    // The common case straight from memory: the same bytes sendList would send, built without a copy per point.
    const hits = !q.open_now && q.format === 'json' ? index?.hits(params) : null;
    if (hits) {
      res.set('Cache-Control', 'public, max-age=60').set('Content-Type', 'application/json; charset=utf-8');
      res.send(nearestJsonBody(hits, lang, now, extra));
      return;
    }
    const results = q.open_now
      ? await nearestOpen(find, params, lang, now)
      : (await find(params)).map((r) => toServicePoint(r, lang, now));
    // sendList's one-minute cache suits open_now, which changes by the minute.
    sendList(res, q.format, results, {
      extra,
      filename: 'nearest-service-points',
    });
  });

  router.get('/', async (req, res) => {
    const q = parseQuery(bboxQuery, req);
    const lang = requestLang(req);
    const now = new Date();
    const rows = await servicePointsInBbox(db, {
      bbox: q.bbox,
      limit: q.limit + 1,
      offset: q.offset,
      levels: q.level,
      jurisdictions: q.jurisdiction,
      categories: q.category,
      languages: q.language,
      accessibility: q.accessibility,
      onlyWithHours: q.open_now === true,
    });
    const hasMore = rows.length > q.limit;
    let results = rows.slice(0, q.limit).map((r) => toServicePoint(r, lang, now));
    // Filtering after paging keeps pages stable; a page may then hold fewer than `limit`.
    if (q.open_now === true) results = results.filter((p) => p.open_now === true);
    sendList(res, q.format, results, {
      extra: { bbox: q.bbox, limit: q.limit, offset: q.offset, next_offset: hasMore ? q.offset + q.limit : null },
      filename: 'service-points',
    });
  });

  router.get('/:id', async (req, res) => {
    const { id } = parseParams(pointIdParams, req);
    const q = parseQuery(pointByIdQuery, req);
    const row = await servicePointById(db, id);
    if (!row) throw new AppError(404, 'not_found', 'point_not_found');
    const point = toServicePoint(row, requestLang(req));
    res.set('Cache-Control', 'public, max-age=60');
    if (q.format === 'geojson') {
      const { lon, lat, ...properties } = point;
      res.type('application/geo+json').send(
        JSON.stringify({
          type: 'Feature', id: point.id,
          geometry: lon !== null && lat !== null ? { type: 'Point', coordinates: [lon, lat] } : null,
          properties,
        }),
      );
      return;
    }
    res.json(point);
  });

  return router;
}
