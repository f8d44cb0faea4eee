import { Router, type Request } from 'express';
import { z } from 'zod';
import {
  hsdsExport as hsdsExportBody,
  hsdsService as hsdsServiceBody,
  hsdsServicesPage as hsdsServicesPageBody,
  type HsdsExport,
  type HsdsService,
  type HsdsServicesPage,
} from '../../contract/hsds.js';
import type { Database } from '../../db/database.js';
import { AppError } from '../http/app-error.js';
import { code, langParam } from '../http/list-params.js';
import type { OpenApiRoute } from '../http/openapi-route.js';
import { parseQuery } from '../http/parse-query.js';
import { hsdsExport, hsdsService, hsdsServicesPage } from '../queries/hsds/hsds-services.js';

export const HSDS_MAX_PER_PAGE = 100;

export const hsdsServicesQuery = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  per_page: z.coerce.number().int().min(1).max(HSDS_MAX_PER_PAGE).default(25),
  feed: code.optional(),
  lang: langParam,
});
export const hsdsServiceParams = z.object({ id: z.guid() });
export const hsdsExportQuery = z.object({ feed: code.optional(), lang: langParam });

export const hsdsOpenApi: OpenApiRoute[] = [
  {
    method: 'get',
    path: '/hsds/services',
    tags: ['standards'],
    query: hsdsServicesQuery,
    summary: 'Published service points as Open Referral HSDS 3.0 services (paginated)',
    produces: ['application/json'],
    response: hsdsServicesPageBody,
  },
  {
    method: 'get',
    path: '/hsds/services/{id}',
    tags: ['standards'],
    params: hsdsServiceParams,
    errors: [404],
    response: hsdsServiceBody,
    summary:
      "One HSDS 3.0 service with its organization, location, phones and schedules: a service point's, or an online or phone channel's at its locations",
    produces: ['application/json'],
  },
  {
    method: 'get',
    path: '/hsds/export',
    tags: ['standards'],
    query: hsdsExportQuery,
    errors: [404],
    response: hsdsExportBody,
    summary:
      'HSDS 3.0 export (JSON) of every published feed, or of one with feed=ID: a service per point, then a service per online or phone channel',
    produces: ['application/json'],
  },
];

/** Open Referral HSDS 3.0 read endpoints and export over the published feeds. */
export function hsdsRouter(db: Database): Router {
  const router = Router();

  router.get('/services', async (req, res) => {
    const q = parseQuery(hsdsServicesQuery, req);
    const page = await hsdsServicesPage(db, { page: q.page, perPage: q.per_page, feedId: q.feed ?? null });
    res.set('Cache-Control', 'public, max-age=60').json(page satisfies HsdsServicesPage);
  });

  router.get('/services/:id', async (req, res) => {
    const p = parseQuery(hsdsServiceParams, { query: req.params } as unknown as Request);
    const service = await hsdsService(db, p.id);
    if (!service)
      throw new AppError(404, 'not_found', {
        en: 'No published service has this HSDS id.',
        fr: 'Aucun service publié ne porte cet identifiant HSDS.',
      });
    res.set('Cache-Control', 'public, max-age=60').json(service satisfies HsdsService);
  });

  router.get('/export', async (req, res) => {
    const q = parseQuery(hsdsExportQuery, req);
    const data = await hsdsExport(db, q.feed ?? null);
    if (q.feed && data.feeds.length === 0) {
      throw new AppError(404, 'not_found', {
        en: 'No published feed has this id.',
        fr: 'Aucun flux publié ne porte cet identifiant.',
      });
    }
    res.set('Cache-Control', 'public, max-age=60');
    res.set('Content-Disposition', `attachment; filename="hsds-${q.feed ?? 'all-feeds'}.json"`);
    res.json(data satisfies HsdsExport);
  });

  return router;
}
