import type { DataStatus, Liveness, Readiness } from '../../contract/platform.js';
import { Router } from 'express';
import type { Database } from '../../db/database.js';
import { appliedMigrationCount, readMigrations } from '../../db/migrate.js';
import { AppError } from '../http/app-error.js';
import { dataStatus } from '../queries/data-status.js';
import type { CatalogCheck } from '../feed-catalog-check.js';
import type { PublishedPointIndex } from '../nearest/published-point-index.js';

/** Liveness, readiness, what data is loaded and what the first start found in the feed catalog. */
export function healthRouter(db: Database, catalog?: CatalogCheck): Router {
  const router = Router();
  const expected = readMigrations().length;

  router.get('/health', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' } satisfies Liveness);
  });

  router.get('/ready', async (req, res) => {
    let applied: number | null;
    try {
      applied = await appliedMigrationCount(db);
    } catch {
      throw new AppError(503, 'unavailable', 'database_unavailable');
    }
    if (applied === null || applied < expected) throw new AppError(503, 'unavailable', 'not_migrated');
    const index = req.app.locals['nearestIndex'] as PublishedPointIndex | null | undefined;
    res.set('Cache-Control', 'no-store').json({
      status: 'ready',
      database: db.kind,
      migrations: applied,
      // Ready either way: while the index loads, nearest answers come from the database.
      nearest_index: index ? index.status() : { state: 'off' },
      // Citizens' reads go only to replicas whose state is ok; the others are skipped until they recover.
      ...(db.readReplicas ? { replicas: db.readReplicas() } : {}),
    } satisfies Readiness);
  });

  router.get('/status', async (_req, res) => {
    res
      .set('Cache-Control', 'no-cache')
      .json({ database: db.kind, ...(await dataStatus(db)), catalog: catalog ?? null } satisfies DataStatus);
  });

  return router;
}
