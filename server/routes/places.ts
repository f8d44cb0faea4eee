import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { requestLang } from '../http/lang.js';
import { formatParam, langParam } from '../http/list-params.js';
import type { OpenApiRoute } from '../http/openapi-route.js';
import { parseQuery } from '../http/parse-query.js';
import { sendPage } from '../http/send-list.js';
import { searchPlaces } from '../queries/search-places.js';
import { placeList, type PlaceList } from '../../contract/platform.js';

export const placeSearchQuery = z.object({
  q: z.string().trim().min(1).max(100),
  limit: z.coerce.number().int().min(1).max(50).default(10),
  format: formatParam,
  lang: langParam,
});

export const placesOpenApi: OpenApiRoute[] = [
  {
    method: 'get',
    path: '/api/places/search',
    response: placeList,
    tags: ['citizens'],
    query: placeSearchQuery,
    summary:
      'Type-ahead place search: communities, Indigenous communities and postal codes, accents and typos forgiven',
    produces: ['application/json', 'application/geo+json', 'text/csv'],
  },
];

/** Place search for the finder's type-ahead. */
export function placesRouter(db: Database): Router {
  const router = Router();
  router.get('/search', async (req, res) => {
    const q = parseQuery(placeSearchQuery, req);
    const lang = requestLang(req);
    const rows = await searchPlaces(db, q.q, q.limit);
    const results: PlaceList['results'] = rows.map((p) => ({
      id: p.id,
      name: lang === 'fr' ? (p.name_fr ?? p.name) : p.name,
      name_en: p.name,
      name_fr: p.name_fr,
      kind: p.kind,
      province: p.province,
      lon: p.lon,
      lat: p.lat,
      population: p.population,
      similarity: Math.round(p.similarity * 100) / 100,
    }));
    sendPage(res, q.format, { results } satisfies PlaceList, { filename: 'places', schema: placeList });
  });
  return router;
}
