import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { AppError } from '../http/app-error.js';
import { requestLang, type Lang } from '../http/lang.js';
import { code, formatParam, langParam, latParam, lonParam, pointFilterShape } from '../http/list-params.js';
import type { OpenApiRoute } from '../http/openapi-route.js';
import { parseParams, parseQuery } from '../http/parse-query.js';
import { sendList, sendPage } from '../http/send-list.js';
import { lifeEventNearest } from '../queries/life-event-nearest.js';
import { listLifeEvents, type LifeEventRow } from '../queries/list-life-events.js';
import { toServicePoint } from '../queries/service-point-row.js';
import {
  lifeEvent,
  lifeEventList,
  lifeEventNearestPage,
  type LifeEvent,
  type LifeEventNearestPage,
} from '../../contract/categories.js';

export const lifeEventParams = z.object({ code });
export const lifeEventsQuery = z.object({ format: z.enum(['json', 'csv']).default('json'), lang: langParam });
export const lifeEventQuery = z.object({ lang: langParam });
export const lifeEventNearestQuery = z.object({
  lon: lonParam,
  lat: latParam,
  level: pointFilterShape.level,
  language: pointFilterShape.language,
  accessibility: pointFilterShape.accessibility,
  max_distance_km: z.coerce.number().positive().max(10000).optional(),
  format: formatParam,
  lang: langParam,
});

export const lifeEventsOpenApi: OpenApiRoute[] = [
  {
    method: 'get',
    path: '/api/life-events',
    response: lifeEventList,
    tags: ['citizens'],
    query: lifeEventsQuery,
    summary: 'Life events and the services each one needs',
    produces: ['application/json', 'text/csv'],
  },
  {
    method: 'get',
    path: '/api/life-events/{code}',
    response: lifeEvent,
    tags: ['citizens'],
    params: lifeEventParams,
    query: lifeEventQuery,
    errors: [404],
    summary: 'One life event and the services it needs',
  },
  {
    method: 'get',
    path: '/api/life-events/{code}/nearest',
    response: lifeEventNearestPage,
    tags: ['citizens'],
    params: lifeEventParams,
    query: lifeEventNearestQuery,
    errors: [404],
    summary: 'For each service of a life event, the nearest point of each order of government that offers it',
    produces: ['application/json', 'application/geo+json', 'text/csv'],
  },
];

const LEVEL_ORDER = ['federal', 'provincial', 'territorial', 'municipal', 'indigenous'];

function eventOut(e: LifeEventRow, lang: Lang): LifeEvent {
  return {
    code: e.code,
    name: lang === 'fr' ? e.name_fr : e.name_en,
    name_en: e.name_en,
    name_fr: e.name_fr,
    description: lang === 'fr' ? e.description_fr : e.description_en,
    description_en: e.description_en,
    description_fr: e.description_fr,
    categories: e.categories.map((c) => ({ ...c, name: lang === 'fr' ? c.name_fr : c.name_en })),
  };
}

async function eventOrNotFound(db: Database, eventCode: string): Promise<LifeEventRow> {
  const e = (await listLifeEvents(db, eventCode))[0];
  if (!e) throw new AppError(404, 'not_found', 'life_event_not_found');
  return e;
}

/** Life events: "I lost my wallet" -> the services to visit, and where. */
export function lifeEventsRouter(db: Database): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const q = parseQuery(lifeEventsQuery, req);
    const lang = requestLang(req);
    sendPage(
      res,
      q.format,
      { results: (await listLifeEvents(db)).map((e) => eventOut(e, lang)) },
      { filename: 'life-events', schema: lifeEventList },
    );
  });

  router.get('/:code', async (req, res) => {
    const { code: eventCode } = parseParams(lifeEventParams, req);
    parseQuery(lifeEventQuery, req);
    res
      .set('Cache-Control', 'public, max-age=300')
      .json(eventOut(await eventOrNotFound(db, eventCode), requestLang(req)));
  });

  router.get('/:code/nearest', async (req, res) => {
    const { code: eventCode } = parseParams(lifeEventParams, req);
    const q = parseQuery(lifeEventNearestQuery, req);
    const lang = requestLang(req);
    const event = eventOut(await eventOrNotFound(db, eventCode), lang);
    const now = new Date();
    const rows = await lifeEventNearest(db, {
      code: eventCode,
      lon: q.lon,
      lat: q.lat,
      languages: q.language,
      accessibility: q.accessibility,
      levels: q.level,
      maxDistanceM: q.max_distance_km === undefined ? undefined : q.max_distance_km * 1000,
    });
    const byCategory = new Map<string, ReturnType<typeof toServicePoint>[]>();
    for (const r of rows) {
      const list = byCategory.get(r.category_code) ?? [];
      list.push(toServicePoint(r, lang, now));
      byCategory.set(r.category_code, list);
    }
    const needs = event.categories.map((c) => {
      const nearest = (byCategory.get(c.code) ?? []).sort((a, b) => (a.distance_m ?? 0) - (b.distance_m ?? 0));
      const found = new Set(nearest.map((p) => p.level));
      return {
        category: c,
        category_code: c.code,
        category_name: c.name,
        nearest,
        // Orders of government that usually offer this service but have no point here (or none loaded).
        missing_levels: c.usual_levels
          .filter((l) => !found.has(l) && (!q.level || (q.level as string[]).includes(l)))
          .sort((a, b) => LEVEL_ORDER.indexOf(a) - LEVEL_ORDER.indexOf(b)),
      };
    });
    const extra = {
      life_event: { code: event.code, name: event.name, description: event.description },
      origin: { lon: q.lon, lat: q.lat },
      distance_kind: 'straight_line',
    } satisfies Omit<LifeEventNearestPage, 'results'>;
    if (q.format === 'json') {
      res.set('Cache-Control', 'public, max-age=60').json({ ...extra, results: needs } satisfies LifeEventNearestPage);
      return;
    }
    // GeoJSON and CSV: one row per (service, point), the service named on each row.
    const flat = needs.flatMap((n) =>
      n.nearest.map((p) => ({ category_code: n.category_code, category_name: n.category_name, ...p })),
    );
    sendList(res, q.format, flat, { extra, filename: `life-event-${eventCode}` });
  });

  return router;
}
