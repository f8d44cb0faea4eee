import path from 'node:path';
import type { Database } from '../../db/database.js';
import { createApp } from '../../server/app.js';
import type { CatalogCheck } from '../../server/feed-catalog-check.js';
import { createLogger } from '../../server/logger.js';

/** The real app on a test database, logging nothing; `limits` sets the request limits (0: off) where a test is not about them. */
export function testApp(
  db: Database,
  clientDist = path.resolve('dist/client'),
  catalog?: CatalogCheck,
  limits: { RATE_LIMIT_PER_MIN?: number; WRITE_RATE_LIMIT_PER_MIN?: number } = {},
) {
  return createApp({ db, config: { CLIENT_DIST: clientDist, BASEMAP_STYLE_URL: undefined, ...limits }, logger: createLogger('silent'), catalog });
}
