import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { requestLang } from '../http/lang.js';
import { langParam } from '../http/list-params.js';
import type { OpenApiRoute } from '../http/openapi-route.js';
import { parseQuery } from '../http/parse-query.js';
import { sendPage } from '../http/send-list.js';
import { listCategories } from '../queries/list-categories.js';
import { categoryList, type Category } from '../../contract/categories.js';

export const categoriesQuery = z.object({ format: z.enum(['json', 'csv']).default('json'), lang: langParam });

export const categoriesOpenApi: OpenApiRoute[] = [
  {
    method: 'get',
    path: '/api/categories',
    response: categoryList,
    tags: ['citizens'],
    query: categoriesQuery,
    summary: 'The bilingual service taxonomy, with the orders of government that usually deliver each service',
    produces: ['application/json', 'text/csv'],
  },
];

/** The service categories a citizen can filter by. */
export function categoriesRouter(db: Database): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const q = parseQuery(categoriesQuery, req);
    const lang = requestLang(req);
    const results = (await listCategories(db)).map((c): Category => ({
      code: c.code,
      name: lang === 'fr' ? c.name_fr : c.name_en,
      name_en: c.name_en,
      name_fr: c.name_fr,
      description: lang === 'fr' ? c.description_fr : c.description_en,
      description_en: c.description_en,
      description_fr: c.description_fr,
      usual_levels: c.usual_levels,
      published_points: c.published_points,
    }));
    sendPage(res, q.format, { results }, { filename: 'categories', schema: categoryList });
  });
  return router;
}
