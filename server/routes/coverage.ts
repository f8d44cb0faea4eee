import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { requestLang } from '../http/lang.js';
import type { OpenApiRoute } from '../http/openapi-route.js';
import { parseQuery } from '../http/parse-query.js';
import { sendList } from '../http/send-list.js';
import { analysisFilterShape, MAX_THRESHOLD_KM, pointFilterOf } from '../queries/analysis/analysis-query.js';
import { coverageSummary } from '../queries/analysis/coverage-summary.js';
import { gapsOpenApi } from './gaps.js';
import { partnershipsOpenApi } from './partnerships.js';

export const DEFAULT_BANDS_KM = [5, 10, 25, 50, 100, 250];

export const coverageQuery = z.object({
  ...analysisFilterShape,
  group_by: z.enum(['province', 'csd', 'none']).default('province'),
  bands: z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter((x) => x.length > 0).map(Number))
    .pipe(z.array(z.number().positive().max(MAX_THRESHOLD_KM * 5)).min(1).max(20))
    .optional(),
  format: z.enum(['json', 'csv']).default('json'),
});

export const coverageOpenApi: OpenApiRoute[] = [
  {
    method: 'get', path: '/api/coverage', tags: ['analysts'], query: coverageQuery,
    summary: 'Share of the population within threshold_km (straight line) of the nearest matching service point, by distance band and group',
    produces: ['application/json', 'text/csv'],
  },
];

/** Every analysts' route: coverage, gaps and partnerships. */
export const analysisOpenApi: OpenApiRoute[] = [...coverageOpenApi, ...gapsOpenApi, ...partnershipsOpenApi];

/** Coverage of the population by the published service points, from the coverage store. */
export function coverageRouter(db: Database): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const q = parseQuery(coverageQuery, req);
    const lang = requestLang(req);
    const coverage = await coverageSummary(
      db,
      { thresholdKm: q.threshold_km, filter: pointFilterOf(q), provinces: q.province ?? null, groupBy: q.group_by, bandsKm: q.bands ?? DEFAULT_BANDS_KM },
      lang,
    );
    if (q.format === 'csv') {
      const { groups, bands: _bands, ...totals } = coverage;
      const rows = q.group_by === 'none' ? [{ id: 'all', name: null, ...totals }] : groups;
      sendList(res, 'csv', rows as unknown as Record<string, unknown>[], { filename: 'coverage' });
      return;
    }
    res.set('Cache-Control', 'public, max-age=60').json(coverage);
  });
  return router;
}
