import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { formatParam, langParam } from '../http/list-params.js';
import { parseQuery } from '../http/parse-query.js';
import { sendList } from '../http/send-list.js';
import { searchPlaces } from '../queries/search-places.js';

export const placeSearchQuery = z.object({
  q: z.string().trim().min(1).max(100),
  limit: z.coerce.number().int().min(1).max(50).default(10),
  format: formatParam,
  lang: langParam,
});

/** Place search for the finder's type-ahead. */
export function placesRouter(db: Database): Router {
  const router = Router();
  router.get('/search', async (req, res) => {
    const q = parseQuery(placeSearchQuery, req);
    const rows = await searchPlaces(db, q.q, q.limit * 2);
    sendList(res, q.format, rows.slice(0, q.limit) as unknown as Record<string, unknown>[], { filename: 'places' });
  });
  return router;
}
