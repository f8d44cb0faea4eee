import path from 'node:path';
import type { Database } from '../../db/database.js';
import { createApp } from '../../server/app.js';
import type { CatalogCheck } from '../../server/feed-catalog-check.js';
import { createLogger } from '../../server/logger.js';

/** The real app on a test database, logging nothing. */
export function testApp(db: Database, clientDist = path.resolve('dist/client'), catalog?: CatalogCheck) {
  return createApp({ db, config: { CLIENT_DIST: clientDist, BASEMAP_STYLE_URL: undefined }, logger: createLogger('silent'), catalog });
}
