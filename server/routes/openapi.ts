import { Router } from 'express';
import { appConfig, dataStatus, liveness, readiness } from '../../contract/platform.js';
import { buildOpenApiDocument } from '../http/openapi-document.js';
import type { OpenApiRoute } from '../http/openapi-route.js';
import { categoriesOpenApi } from './categories.js';
import { channelsApiOpenApi } from './channels-api.js';
import { analysisOpenApi } from './coverage.js';
import { feedsOpenApi } from './feeds.js';
import { feedReportsOpenApi } from './feed-reports.js';
import { feedPullsOpenApi } from './feed-pulls.js';
import { feedStewardOpenApi } from './feed-steward.js';
import { hsdsOpenApi } from './hsds.js';
import { keysOpenApi } from './keys.js';
import { lifeEventsOpenApi } from './life-events.js';
import { ogcOpenApi } from './ogc.js';
import { placesOpenApi } from './places.js';
import { servicePointsOpenApi } from './service-points.js';
import { tilesOpenApi } from './tiles.js';

/** Routes whose modules do not describe themselves (health lives outside this module's ownership). */
const platformOpenApi: OpenApiRoute[] = [
  {
    method: 'get',
    path: '/api/health',
    tags: ['platform'],
    summary: 'Liveness: ok while the process runs',
    response: liveness,
  },
  {
    method: 'get',
    path: '/api/ready',
    tags: ['platform'],
    summary: 'Readiness: the database answers and is migrated (503 otherwise)',
    errors: [503],
    response: readiness,
  },
  {
    method: 'get',
    path: '/api/status',
    tags: ['platform'],
    summary: 'What data is loaded (feeds, points, places, population units)',
    response: dataStatus,
  },
  { method: 'get', path: '/api/openapi.json', tags: ['platform'], summary: 'This document' },
  {
    method: 'get',
    path: '/api/config',
    tags: ['platform'],
    summary: 'What the client needs to start: the online base map style URL, or null for the offline map',
    response: appConfig,
  },
];

/**
 * Every router module's `OpenApiRoute[]`. A new router adds its list here
 * (and nothing else): the document, its parameters and its bodies follow
 * from the zod schemas the router validates with.
 */
export const OPENAPI_ROUTES: readonly OpenApiRoute[][] = [
  platformOpenApi,
  placesOpenApi,
  servicePointsOpenApi,
  categoriesOpenApi,
  lifeEventsOpenApi,
  feedsOpenApi,
  keysOpenApi,
  feedReportsOpenApi,
  feedPullsOpenApi,
  feedStewardOpenApi,
  analysisOpenApi,
  tilesOpenApi,
  ogcOpenApi,
  hsdsOpenApi,
  channelsApiOpenApi,
];

/** Serves the OpenAPI 3.1 document, built once. */
export function openApiRouter(extra: readonly OpenApiRoute[][] = []): Router {
  const router = Router();
  let document: Record<string, unknown> | null = null;
  router.get('/openapi.json', (_req, res) => {
    document ??= buildOpenApiDocument([...OPENAPI_ROUTES, ...extra].flat(), {
      title: 'Service point finder API',
      version: '1.0.0',
      description:
        'In-person service points of every order of government in Canada (federal, provincial, territorial, municipal, Indigenous): ' +
        'search, nearest, analyses, and jurisdictions’ feeds. Distances are straight-line (great-circle) metres. ' +
        'Errors are application/problem+json in English or French (lang=en|fr or Accept-Language).',
    });
    res.set('Cache-Control', 'public, max-age=300').json(document);
  });
  return router;
}
