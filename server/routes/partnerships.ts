import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { requestLang } from '../http/lang.js';
import type { OpenApiRoute } from '../http/openapi-route.js';
import { parseQuery } from '../http/parse-query.js';
import { sendPage } from '../http/send-list.js';
import { analysisFilterShape, pointFilterOf } from '../queries/analysis/analysis-query.js';
import { CANDIDATE_KINDS, colocationPairs, singleOrderUnits, suggestSites } from '../queries/analysis/partnerships.js';
import {
  colocationList,
  singleOrderList,
  suggestionList,
  type ColocationList,
  type SingleOrderList,
  type SuggestionList,
} from '../../contract/analysis.js';

export const MAX_PAIRS_LIMIT = 1000;
export const MAX_COLOCATION_M = 5000;
export const MAX_SUGGEST_K = 50;

const page = {
  limit: z.coerce.number().int().min(1).max(MAX_PAIRS_LIMIT).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};

export const colocationQuery = z.object({
  ...analysisFilterShape,
  max_m: z.coerce.number().positive().max(MAX_COLOCATION_M).default(500),
  precision: z.enum(['measured', 'same_community']).default('measured'),
  ...page,
});

export const singleOrderQuery = z.object({ ...analysisFilterShape, ...page });

export const suggestQuery = z.object({
  ...analysisFilterShape,
  k: z.coerce.number().int().min(1).max(MAX_SUGGEST_K).default(5),
  candidates: z.enum(CANDIDATE_KINDS).default('places'),
});

export const partnershipsOpenApi: OpenApiRoute[] = [
  {
    method: 'get',
    path: '/api/partnerships/colocation',
    response: colocationList,
    tags: ['analysts'],
    query: colocationQuery,
    summary:
      'Pairs of published points of different orders of government that could share a site: measured (both at their address, within max_m metres) or same_community (one at a community or postal-area centre: no distance)',
    produces: ['application/json', 'application/geo+json', 'text/csv'],
  },
  {
    method: 'get',
    path: '/api/partnerships/single-order',
    response: singleOrderList,
    tags: ['analysts'],
    query: singleOrderQuery,
    summary: 'Population units within threshold_km of the points of exactly one order of government',
    produces: ['application/json', 'application/geo+json', 'text/csv'],
  },
  {
    method: 'get',
    path: '/api/partnerships/suggest',
    response: suggestionList,
    tags: ['analysts'],
    query: suggestQuery,
    summary:
      'Up to k new shared sites chosen greedily to bring the most people within threshold_km, existing points fixed',
    produces: ['application/json', 'application/geo+json', 'text/csv'],
  },
];

/** Where orders of government could share sites. */
export function partnershipsRouter(db: Database): Router {
  const router = Router();

  router.get('/colocation', async (req, res) => {
    const q = parseQuery(colocationQuery, req);
    const r = await colocationPairs(
      db,
      {
        maxM: q.max_m,
        filter: pointFilterOf(q),
        provinces: q.province ?? null,
        limit: q.limit,
        offset: q.offset,
        precision: q.precision,
      },
      requestLang(req),
    );
    const { results, ...extra } = r;
    sendPage(
      res,
      q.format,
      { max_m: q.max_m, distance_kind: 'straight_line', ...extra, results } satisfies ColocationList,
      {
        filename: `colocation-${q.precision}`,
        schema: colocationList,
      },
    );
  });

  router.get('/single-order', async (req, res) => {
    const q = parseQuery(singleOrderQuery, req);
    const r = await singleOrderUnits(db, {
      thresholdKm: q.threshold_km,
      filter: pointFilterOf(q),
      provinces: q.province ?? null,
      limit: q.limit,
      offset: q.offset,
    });
    sendPage(
      res,
      q.format,
      {
        threshold_km: q.threshold_km,
        distance_kind: 'straight_line',
        levels: r.levels,
        total: r.total,
        total_population: r.total_population,
        population_by_level: r.population_by_level,
        by_data_status: r.by_data_status,
        results: r.results,
      } satisfies SingleOrderList,
      { filename: 'single-order', schema: singleOrderList },
    );
  });

  router.get('/suggest', async (req, res) => {
    const q = parseQuery(suggestQuery, req);
    const r = await suggestSites(
      db,
      {
        k: q.k,
        thresholdKm: q.threshold_km,
        candidates: q.candidates,
        filter: pointFilterOf(q),
        provinces: q.province ?? null,
      },
      requestLang(req),
    );
    sendPage(res, q.format, r satisfies SuggestionList, { filename: 'suggested-sites', schema: suggestionList });
  });

  return router;
}
