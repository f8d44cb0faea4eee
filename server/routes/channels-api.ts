import { Router } from 'express';
import type { Database } from '../../db/database.js';
import type { OpenApiRoute } from '../http/openapi-route.js';
import { channelPerformanceOpenApi, channelPerformanceRouter } from './channel-performance.js';
import { channelReportsOpenApi, channelReportsRouter } from './channel-reports.js';
import { channelsOpenApi, channelsRouter } from './channels.js';
import { responsibilitiesOpenApi, responsibilitiesRouter } from './responsibilities.js';

/** Every route of the channels feature (docs/channels.md), mounted under /api. */
export function channelsApiRouter(db: Database): Router {
  const router = Router();
  // Reports first: /channels/availability must not be read as a channel id.
  router.use(channelReportsRouter(db));
  router.use(channelsRouter(db));
  router.use(channelPerformanceRouter(db));
  router.use(responsibilitiesRouter(db));
  return router;
}

export const channelsApiOpenApi: OpenApiRoute[] = [
  ...channelsOpenApi,
  ...channelReportsOpenApi,
  ...channelPerformanceOpenApi,
  ...responsibilitiesOpenApi,
];
