import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import {
  bboxPage,
  jurisdictionPage,
  nearestPage,
  reportReceipt,
  servicePointDetail,
  type BboxPage,
  type JurisdictionPage,
  type NearestPage,
  type ReportReceipt,
  type ServicePointDetail,
} from '../../contract/service-points.js';
import type { Database } from '../../db/database.js';
import { AppError } from '../http/app-error.js';
import { bboxParam } from '../http/bbox-param.js';
import { requestLang } from '../http/lang.js';
import { formatParam, langParam, latParam, lonParam, pointFilterShape } from '../http/list-params.js';
import type { OpenApiRoute } from '../http/openapi-route.js';
import { messages } from '../http/messages.js';
import { parseBody, parseParams, parseQuery } from '../http/parse-query.js';
import { sendPage } from '../http/send-list.js';
import type { PublishedPointIndex } from '../nearest/published-point-index.js';
import { nearestJsonBody } from '../nearest/nearest-json.js';
import { streamPoints } from '../http/stream-points.js';
import { listChannels } from '../queries/channels/list-channels.js';
import { toChannel } from '../queries/channels/channel-row.js';
import { insertPointReport } from '../queries/reports/point-reports.js';
import { servicePointsOfJurisdictions } from '../queries/service-points-of-jurisdictions.js';
import { nearestServicePoints, type NearestParams } from '../queries/nearest-service-points.js';
import { servicePointById } from '../queries/service-point-by-id.js';
import { standardAndPerformance, withStandardAndPerformance } from '../queries/points-standard-performance.js';
import { toServicePoint, type ServicePoint, type ServicePointRow } from '../queries/service-point-row.js';
import { servicePointsInBbox } from '../queries/service-points-in-bbox.js';

export const MAX_NEAREST_LIMIT = 100;
export const MAX_PAGE_LIMIT = 500;
/** About the size of southern Ontario; a wider view is what the tiles are for. */
export const MAX_BBOX_AREA_DEG2 = 500;
/** How many candidates open_now=true may scan before it gives up on filling a page. */
const OPEN_NOW_SCAN_CAP = 2000;

/** A page size: values over the maximum are lowered to it (as OGC API Features does), not refused. */
const limitParam = (max: number, fallback: number) =>
  z.coerce
    .number()
    .int()
    .min(1)
    .default(fallback)
    .transform((n) => Math.min(n, max))
    .describe(`At most ${max}: a larger value is lowered to ${max}.`);

export const nearestQuery = z.object({
  lon: lonParam,
  lat: latParam,
  limit: limitParam(MAX_NEAREST_LIMIT, 10),
  ...pointFilterShape,
  max_distance_km: z.coerce.number().positive().max(10000).optional(),
  format: formatParam,
  lang: langParam,
});

export const bboxQuery = z.object({
  /** Without a box, `jurisdiction` is required: that jurisdiction's published points, located or not. */
  bbox: bboxParam(MAX_BBOX_AREA_DEG2).optional(),
  limit: limitParam(MAX_PAGE_LIMIT, 100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  /** Without a box: the last id of the previous page (JSON pages; CSV and GeoJSON come whole). */
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a service point id')
    .optional(),
  ...pointFilterShape,
  format: formatParam,
  lang: langParam,
});

export const pointIdParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a service point id') });
export const pointByIdQuery = z.object({ format: z.enum(['json', 'geojson']).default('json'), lang: langParam });

/** What a citizen says is wrong with a point. `website` is a honeypot: people never see it, so only robots fill it. */
export const reportBody = z.object({
  message: z.string().trim().min(5).max(2000),
  email: z.union([z.literal(''), z.email().max(254)]).optional(),
  lang: z.enum(['en', 'fr']).optional(),
  website: z.string().max(2000).optional(),
});

export interface ServicePointsRouterOptions {
  /** The in-process index of published points that answers nearest from memory (server/nearest). */
  index?: PublishedPointIndex | null;
  /** The nearest route's answer, when the app already made it (for the lean route too); else made here. */
  nearest?: (req: Request, res: Response) => Promise<void>;
  /** Reports one client may send in `reportWindowMs` (default 5 in 10 minutes). */
  reportsPerWindow?: number;
  reportWindowMs?: number;
}

export const servicePointsOpenApi: OpenApiRoute[] = [
  {
    method: 'get',
    path: '/api/service-points/nearest',
    tags: ['citizens'],
    query: nearestQuery,
    response: nearestPage,
    summary: 'The nearest published service points to a location, nearest first, with straight-line distance',
    produces: ['application/json', 'application/geo+json', 'text/csv'],
  },
  {
    method: 'get',
    path: '/api/service-points',
    tags: ['citizens'],
    query: bboxQuery,
    response: z.union([bboxPage, jurisdictionPage]),
    summary:
      'Published service points inside a bounding box, one page at a time (follow next_offset); or, without a box, every published point of the given jurisdiction(s), located or not: CSV and GeoJSON streamed whole, JSON by cursor (follow next_cursor). A limit above the maximum is lowered to it.',
    produces: ['application/json', 'application/geo+json', 'text/csv'],
  },
  {
    method: 'post',
    path: '/api/service-points/{id}/reports',
    tags: ['citizens'],
    params: pointIdParams,
    body: reportBody,
    status: 202,
    response: reportReceipt,
    errors: [404, 429],
    summary:
      'Reports a problem with a published point to the stewards of its feed (a message of 5 to 2,000 characters, an optional e-mail; a few per client every 10 minutes; no address is stored)',
  },
  {
    method: 'get',
    path: '/api/service-points/{id}',
    tags: ['citizens'],
    params: pointIdParams,
    query: pointByIdQuery,
    response: servicePointDetail,
    errors: [404],
    summary: 'One published service point by its stable id (404 when no published point has it)',
    produces: ['application/json', 'application/geo+json'],
  },
];

/**
 * The nearest points that are open now. Points without hours never match, so
 * the query skips them; among the rest, ask for more in rounds until the page
 * is full or the candidates run out (a Sunday night in a small town).
 */
async function nearestOpen(
  find: NearestFinder,
  params: NearestParams,
  lang: 'en' | 'fr',
  now: Date,
): Promise<ServicePoint[]> {
  let fetch = Math.min(params.limit * 4, OPEN_NOW_SCAN_CAP);
  for (;;) {
    const rows = await find({ ...params, limit: fetch, onlyWithHours: true });
    const open = rows.map((r) => toServicePoint(r, lang, now)).filter((p) => p.open_now === true);
    if (open.length >= params.limit || rows.length < fetch || fetch >= OPEN_NOW_SCAN_CAP)
      return open.slice(0, params.limit);
    fetch = Math.min(fetch * 4, OPEN_NOW_SCAN_CAP);
  }
}

type NearestFinder = (p: NearestParams) => Promise<ServicePointRow[]> | ServicePointRow[];

const EXPORT_PAGE = 1000;

/**
 * A jurisdiction's published points without a box: CSV and GeoJSON streamed
 * whole, page by page from the index (memory stays flat whatever the size);
 * JSON one page at a time by cursor.
 */
async function jurisdictionPoints(
  db: Database,
  res: Response,
  q: z.output<typeof bboxQuery>,
  lang: 'en' | 'fr',
  now: Date,
): Promise<void> {
  if (!q.jurisdiction) {
    throw new AppError(400, 'bad_request', 'invalid_parameters', [
      { field: 'bbox', message_en: messages.box_or_jurisdiction.en, message_fr: messages.box_or_jurisdiction.fr },
    ]);
  }
  const base = {
    jurisdictions: q.jurisdiction,
    levels: q.level,
    categories: q.category,
    languages: q.language,
    accessibility: q.accessibility,
    onlyWithHours: q.open_now === true,
  };
  const keep = (p: ServicePoint) => q.open_now !== true || p.open_now === true;
  if (q.format === 'json') {
    const rows = await servicePointsOfJurisdictions(db, { ...base, after: q.cursor ?? null, limit: q.limit + 1 });
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    sendPage(
      res,
      'json',
      {
        jurisdiction: q.jurisdiction,
        limit: q.limit,
        next_cursor: rows.length > q.limit && last ? last.id : null,
        results: page.map((r) => toServicePoint(r, lang, now)).filter(keep),
      } satisfies JurisdictionPage,
      { schema: jurisdictionPage },
    );
    return;
  }
  let after: string | null = q.cursor ?? null;
  await streamPoints(res, q.format, `service-points-${q.jurisdiction.join('-')}`, async () => {
    const rows = await servicePointsOfJurisdictions(db, { ...base, after, limit: EXPORT_PAGE });
    after = rows.at(-1)?.id ?? after;
    return { items: rows.map((r) => toServicePoint(r, lang, now)).filter(keep), done: rows.length < EXPORT_PAGE };
  });
}

/**
 * GET /api/service-points/nearest, after the middleware: the general chain
 * mounts it in this router, and the lean route (server/nearest/lean-route.ts)
 * ahead of the chain calls the same function, so both answer alike.
 */
export function nearestHandler(db: Database, index: PublishedPointIndex | null | undefined) {
  // The index holds the points, and their standards and latest waits (told of each push by migration
  // 0124's triggers); until it has read a pushed figure again, those come from the database.
  const find: NearestFinder = async (p) => {
    const rows = index?.nearest(p);
    if (!rows) return nearestServicePoints(db, p);
    const figures = index!.figuresOf(
      rows.map((r) => r.id),
      new Date(),
    );
    return figures ? rows.map((r, i) => ({ ...r, ...figures[i]! })) : withStandardAndPerformance(db, rows);
  };
  return async (req: Request, res: Response): Promise<void> => {
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
    const origin = { lon: q.lon, lat: q.lat };
    // The common case straight from memory: the bytes sendPage would send, each point's unchanging JSON serialised once.
    const hits = !q.open_now && q.format === 'json' ? index?.hits(params) : null;
    if (hits) {
      const ids = hits.map((h) => h.row.id);
      let figures = index!.figuresOf(ids, now);
      if (!figures) {
        const read = await standardAndPerformance(db, ids);
        figures = ids.map((id) => ({
          standard: read.get(id)?.standard ?? null,
          performance: read.get(id)?.performance ?? null,
        }));
      }
      const answered = hits.map((h, i) => ({ ...h, ...figures[i]! }));
      res.set('Cache-Control', 'public, max-age=60').set('Content-Type', 'application/json; charset=utf-8');
      res.send(nearestJsonBody(answered, lang, now, { origin, distance_kind: 'straight_line' }));
      return;
    }
    const results = q.open_now
      ? await nearestOpen(find, params, lang, now)
      : (await find(params)).map((r) => toServicePoint(r, lang, now));
    // sendList's one-minute cache suits open_now, which changes by the minute.
    sendPage(res, q.format, { origin, distance_kind: 'straight_line', results } satisfies NearestPage, {
      filename: 'nearest-service-points',
      schema: nearestPage,
    });
  };
}

/** Citizens' reads of service points, and their reports of problems. */
export function servicePointsRouter(db: Database, options: ServicePointsRouterOptions = {}): Router {
  const router = Router();
  // With an index, nearest answers come from memory whenever the index is current, else from nearest_service_points.sql.
  const index = options.index;
  // Per client, in memory only: the address is the limiter's key for its window and is never stored.
  const reportLimit = rateLimit({
    windowMs: options.reportWindowMs ?? 10 * 60_000,
    limit: options.reportsPerWindow ?? 5,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    // A refused report (too short, unknown point) stores nothing: a person correcting it is not held back.
    skipFailedRequests: true,
    handler: (_req, _res, next) => next(new AppError(429, 'too_many_requests', 'too_many_reports')),
  });

  router.get('/nearest', options.nearest ?? nearestHandler(db, index));

  router.get('/', async (req, res) => {
    const q = parseQuery(bboxQuery, req);
    const lang = requestLang(req);
    const now = new Date();
    if (!q.bbox) {
      await jurisdictionPoints(db, res, q, lang, now);
      return;
    }
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
    sendPage(
      res,
      q.format,
      {
        bbox: q.bbox,
        limit: q.limit,
        offset: q.offset,
        next_offset: hasMore ? q.offset + q.limit : null,
        results,
      } satisfies BboxPage,
      { filename: 'service-points', schema: bboxPage },
    );
  });

  router.get('/:id', async (req, res) => {
    const { id } = parseParams(pointIdParams, req);
    const q = parseQuery(pointByIdQuery, req);
    const row = await servicePointById(db, id);
    if (!row) throw new AppError(404, 'not_found', 'point_not_found');
    const lang = requestLang(req);
    const point = toServicePoint(row, lang);
    res.set('Cache-Control', 'public, max-age=60');
    if (q.format === 'geojson') {
      const { lon, lat, ...properties } = point;
      res.type('application/geo+json').send(
        JSON.stringify({
          type: 'Feature',
          id: point.id,
          geometry: lon !== null && lat !== null ? { type: 'Point', coordinates: [lon, lat] } : null,
          properties,
        }),
      );
      return;
    }
    // Every channel on the point: its own government's online and phone options for the same services.
    const channels =
      point.categories.length === 0
        ? []
        : await listChannels(db, {
            categories: point.categories,
            jurisdictions: [point.jurisdiction_id],
            kinds: undefined,
            province: point.province ?? undefined,
            limit: 20,
            offset: 0,
          });
    res.json({ ...point, channels: channels.map((c) => toChannel(c, lang)) } satisfies ServicePointDetail);
  });

  router.post('/:id/reports', reportLimit, async (req, res) => {
    const { id } = parseParams(pointIdParams, req);
    const body = parseBody(reportBody, req);
    const lang = body.lang ?? requestLang(req);
    res.set('Cache-Control', 'no-store');
    // A filled honeypot gets the same answer as a person, so a robot learns nothing; nothing is stored.
    if (body.website) {
      res.status(202).json({ id: randomUUID(), status: 'received' } satisfies ReportReceipt);
      return;
    }
    const reportId = randomUUID();
    const stored = await insertPointReport(db, {
      id: reportId,
      pointId: id,
      message: body.message,
      email: body.email || null,
      lang,
    });
    if (!stored) throw new AppError(404, 'not_found', 'point_not_found');
    res.status(202).json({ id: reportId, status: 'received' } satisfies ReportReceipt);
  });

  return router;
}
