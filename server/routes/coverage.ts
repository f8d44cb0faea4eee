import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { requestLang } from '../http/lang.js';
import type { OpenApiRoute } from '../http/openapi-route.js';
import { parseQuery } from '../http/parse-query.js';
import { sendList } from '../http/send-list.js';
import { analysisFilterShape, MAX_THRESHOLD_KM, pointFilterOf } from '../queries/analysis/analysis-query.js';
import { coverageSummary, DEFAULT_APPROX_MARGIN_KM } from '../queries/analysis/coverage-summary.js';
import { FeedPresence } from '../queries/analysis/data-coverage.js';
import { coverageBreakdown } from '../queries/analysis/coverage-breakdown.js';
import { DEFAULT_BANDS_KM as STORED_BANDS_KM } from '../../data-loaders/lib/coverage/coverage-totals.js';
import { layersOpenApi } from './layers.js';
import { gapsOpenApi } from './gaps.js';
import { partnershipsOpenApi } from './partnerships.js';
import {
  coverage as coverageSchema,
  coverageBreakdown as coverageBreakdownSchema,
  coverageMatrix,
  type Coverage,
  type CoverageBreakdown,
  type CoverageMatrix,
} from '../../contract/analysis.js';

/** The default bands, whose totals the coverage store adds up when it is refreshed. */
export const DEFAULT_BANDS_KM: number[] = [...STORED_BANDS_KM];

export const coverageQuery = z.object({
  ...analysisFilterShape,
  group_by: z.enum(['province', 'csd', 'none']).default('province'),
  bands: z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter((x) => x.length > 0)
        .map(Number),
    )
    .pipe(
      z
        .array(
          z
            .number()
            .positive()
            .max(MAX_THRESHOLD_KM * 5),
        )
        .min(1)
        .max(20),
    )
    .optional(),
  approx_margin_km: z.coerce.number().min(0).max(200).default(DEFAULT_APPROX_MARGIN_KM),
  format: z.enum(['json', 'csv']).default('json'),
});

export const matrixQuery = z.object({
  format: z.enum(['json', 'csv']).default('json'),
  lang: z.enum(['en', 'fr']).optional(),
});

export const breakdownQuery = z.object({
  by: z.enum(['jurisdiction', 'level', 'category']).default('jurisdiction'),
  threshold_km: analysisFilterShape.threshold_km,
  province: analysisFilterShape.province,
  format: z.enum(['json', 'csv']).default('json'),
  lang: z.enum(['en', 'fr']).optional(),
});

export const coverageOpenApi: OpenApiRoute[] = [
  {
    method: 'get',
    path: '/api/coverage/breakdown',
    response: coverageBreakdownSchema,
    tags: ['analysts'],
    query: breakdownQuery,
    summary:
      'Share of the population within threshold_km of each jurisdiction’s, order of government’s or service’s published points, one row each',
    produces: ['application/json', 'text/csv'],
  },
  {
    method: 'get',
    path: '/api/coverage/matrix',
    response: coverageMatrix,
    tags: ['analysts'],
    query: matrixQuery,
    summary:
      'Data coverage: for each province and territory and each order of government that can serve it, the feeds published there (points, approximate points, latest version date) or no_data',
    produces: ['application/json', 'text/csv'],
  },
  {
    method: 'get',
    path: '/api/coverage',
    response: coverageSchema,
    tags: ['analysts'],
    query: coverageQuery,
    summary:
      'Share of the population within threshold_km (straight line) of the nearest matching service point, by distance band and group',
    produces: ['application/json', 'text/csv'],
  },
];

/** Every analysts' route: coverage, gaps and partnerships. */
export const analysisOpenApi: OpenApiRoute[] = [
  ...coverageOpenApi,
  ...gapsOpenApi,
  ...partnershipsOpenApi,
  ...layersOpenApi,
];

/** Coverage of the population by the published service points, from the coverage store. */
export function coverageRouter(db: Database): Router {
  const router = Router();
  router.get('/breakdown', async (req, res) => {
    const q = parseQuery(breakdownQuery, req);
    const r = await coverageBreakdown(
      db,
      { by: q.by, thresholdKm: q.threshold_km, provinces: q.province ?? null },
      requestLang(req),
    );
    const { results, ...extra } = r;
    if (q.format === 'csv') {
      sendList(res, 'csv', results, {
        filename: `coverage-by-${q.by}`,
        item: coverageBreakdownSchema.shape.results.element,
      });
      return;
    }
    res.set('Cache-Control', 'public, max-age=60').json({ ...extra, results } satisfies CoverageBreakdown);
  });
  router.get('/matrix', async (req, res) => {
    const q = parseQuery(matrixQuery, req);
    const matrix = (await FeedPresence.fresh(db)).matrix();
    if (q.format === 'csv') {
      const lang = requestLang(req);
      const rows = matrix.flatMap((p) =>
        p.orders.map((o) => ({
          province: p.province,
          name: lang === 'fr' ? p.name_fr : p.name_en,
          level: o.level,
          status: o.status,
          points: o.points,
          points_approximate: o.points_approximate,
          latest_published_at: o.latest_published_at,
          feeds: o.feeds.map((f) => f.id),
        })),
      );
      sendList(res, 'csv', rows, { filename: 'data-coverage' });
      return;
    }
    const cells = matrix.flatMap((p) => p.orders);
    res.set('Cache-Control', 'public, max-age=60').json({
      note_en:
        'A finding claims that an order of government does not serve a place only where that order has a published feed in its province or territory; elsewhere it says there is no data.',
      note_fr:
        'Une constatation n’affirme qu’un ordre de gouvernement ne dessert pas un lieu que si cet ordre a publié un flux dans sa province ou son territoire; ailleurs, elle indique qu’il n’y a pas de données.',
      cells_published: cells.filter((c) => c.status === 'published').length,
      cells_no_data: cells.filter((c) => c.status === 'no_data').length,
      provinces: matrix,
    } satisfies CoverageMatrix);
  });
  router.get('/', async (req, res) => {
    const q = parseQuery(coverageQuery, req);
    const lang = requestLang(req);
    const coverage = await coverageSummary(
      db,
      {
        thresholdKm: q.threshold_km,
        filter: pointFilterOf(q),
        provinces: q.province ?? null,
        groupBy: q.group_by,
        bandsKm: q.bands ?? DEFAULT_BANDS_KM,
        approxMarginKm: q.approx_margin_km,
      },
      lang,
    );
    if (q.format === 'csv') {
      const { groups, bands: _bands, precision: _precision, ...totals } = coverage;
      const rows = q.group_by === 'none' ? [{ id: 'all', name: null, ...totals }] : groups;
      sendList(res, 'csv', rows as unknown as Record<string, unknown>[], { filename: 'coverage' });
      return;
    }
    res.set('Cache-Control', 'public, max-age=60').json(coverage satisfies Coverage);
  });
  return router;
}
