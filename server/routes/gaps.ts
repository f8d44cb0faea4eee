import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import type { OpenApiRoute } from '../http/openapi-route.js';
import { parseQuery } from '../http/parse-query.js';
import { sendPage } from '../http/send-list.js';
import { analysisFilterShape, pointFilterOf } from '../queries/analysis/analysis-query.js';
import { DEFAULT_GAP_WEIGHTS, listGaps } from '../queries/analysis/gaps.js';
import { gapList, type GapList } from '../../contract/analysis.js';

export const MAX_GAPS_LIMIT = 1000;
const weight = (fallback: number) => z.coerce.number().min(0).max(100).default(fallback);

export const gapsQuery = z.object({
  ...analysisFilterShape,
  limit: z.coerce.number().int().min(1).max(MAX_GAPS_LIMIT).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  w_population: weight(DEFAULT_GAP_WEIGHTS.population),
  w_distance: weight(DEFAULT_GAP_WEIGHTS.distance),
  w_cwb: weight(DEFAULT_GAP_WEIGHTS.cwb),
  w_indigenous: weight(DEFAULT_GAP_WEIGHTS.indigenous),
  cwb_cut: z.coerce.number().min(0).max(100).default(DEFAULT_GAP_WEIGHTS.cwbCut),
});

export const gapsOpenApi: OpenApiRoute[] = [
  {
    method: 'get',
    path: '/api/gaps',
    response: gapList,
    tags: ['analysts'],
    query: gapsQuery,
    summary:
      'Population units farther than threshold_km from every matching point, ranked by the priority score of docs/coverage.md',
    produces: ['application/json', 'application/geo+json', 'text/csv'],
  },
];

/** The ranked list of gaps in coverage. */
export function gapsRouter(db: Database): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const q = parseQuery(gapsQuery, req);
    const weights = {
      population: q.w_population,
      distance: q.w_distance,
      cwb: q.w_cwb,
      indigenous: q.w_indigenous,
      cwbCut: q.cwb_cut,
    };
    const gaps = await listGaps(db, {
      thresholdKm: q.threshold_km,
      filter: pointFilterOf(q),
      provinces: q.province ?? null,
      limit: q.limit,
      offset: q.offset,
      weights,
    });
    sendPage(
      res,
      q.format,
      {
        threshold_km: q.threshold_km,
        distance_kind: 'straight_line',
        weights: {
          w_population: q.w_population,
          w_distance: q.w_distance,
          w_cwb: q.w_cwb,
          w_indigenous: q.w_indigenous,
          cwb_cut: q.cwb_cut,
        },
        total: gaps.total,
        total_population: gaps.total_population,
        orders_considered: gaps.orders_considered,
        by_data_status: gaps.by_data_status,
        results: gaps.results,
      } satisfies GapList,
      { filename: 'gaps', schema: gapList },
    );
  });
  return router;
}
