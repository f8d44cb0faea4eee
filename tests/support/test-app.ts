import path from 'node:path';
import type { Database } from '../../db/database.js';
import { createApp, type AppDeps } from '../../server/app.js';
import type { CatalogCheck } from '../../server/feed-catalog-check.js';
import { createLogger } from '../../server/logger.js';

/**
 * The real app on a test database, logging nothing; `limits` sets the request limits (0: off) where a
 * test is not about them. Nearest answers come from SQL unless a test sets NEAREST_INDEX_MAX_POINTS:
 * an app is made per request in many tests, and each would load its own in-process index; the index
 * is proven equal to the SQL path in tests/integration/nearest-index.test.ts.
 */
export function testApp(
  db: Database,
  clientDist = path.resolve('dist/client'),
  catalog?: CatalogCheck,
  limits: { RATE_LIMIT_PER_MIN?: number; WRITE_RATE_LIMIT_PER_MIN?: number; NEAREST_INDEX_MAX_POINTS?: number } = {},
  deps: Pick<AppDeps, 'pulls'> = {},
) {
  return createApp({
    db,
    config: { CLIENT_DIST: clientDist, BASEMAP_STYLE_URL: undefined, NEAREST_INDEX_MAX_POINTS: 0, ...limits },
    logger: createLogger('silent'),
    catalog,
    ...deps,
  });
}
