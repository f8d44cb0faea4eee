import type { Server } from 'node:http';
import { createApp } from './app.js';
import { bootstrapEmptyDatabase } from './bootstrap.js';
import { checkFeedCatalog, newCatalogCheck } from './feed-catalog-check.js';
import { loadConfig } from './config.js';
import { useApiKeySecret } from './auth/api-keys.js';
import { migrate } from '../db/migrate.js';
import { openDatabase } from '../db/open-database.js';
import { createLogger } from './logger.js';
import { PullScheduler } from './pulls/pull-scheduler.js';

const started = Date.now();
const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL);
useApiKeySecret(config.API_KEY_SECRET);

// Migrations and the first start's seeding run as batch work (the tables' owner, every
// jurisdiction) on a database of their own, closed once the first-start check is done; the
// app that serves requests connects with DATABASE_URL only, and acts for nobody outside a request.
// PGlite is one embedded database with one user: the same handle serves both.
const batch = await openDatabase(config, 'batch');
const db = batch.kind === 'pglite' ? batch : await openDatabase(config, 'server');
const migrations = await migrate(batch);
logger.info(
  { database: db.kind, ...migrations, data_dir: db.kind === 'pglite' ? config.DATA_DIR : undefined },
  'database ready',
);
await bootstrapEmptyDatabase(batch, logger);
let batchOpen = batch !== db;
const closeBatch = async () => {
  if (!batchOpen) return;
  batchOpen = false;
  await batch.close();
};

const catalog = newCatalogCheck();
const app = createApp({ db, config, logger, catalog });
// Scheduled pulls run beside the API, on the same database (FEED_PULLS=off: none here).
const pulls =
  config.FEED_PULLS === 'on' ? new PullScheduler(db, { pollMs: config.FEED_PULL_POLL_SECONDS * 1000, logger }) : null;
const server: Server = app.listen(config.PORT, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  logger.info({ port, startup_ms: Date.now() - started }, 'listening');
  console.log(
    `Service point finder: http://localhost:${port}/  (database: ${db.kind}, started in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  checkFeedCatalog(batch, logger, catalog)
    .catch((err: Error) => logger.warn({ err }, 'could not check the feed catalog'))
    .finally(() => void closeBatch());
  pulls?.start();
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down: finishing in-flight requests');
  // No new pull starts; one in progress gets a few seconds, or is pulled again later.
  const pullsStopped = pulls?.stop();
  server.close(async () => {
    await pullsStopped;
    await closeBatch();
    await db.close();
    logger.info('stopped');
    process.exit(0);
  });
  server.closeIdleConnections();
  setTimeout(() => {
    logger.error('in-flight requests did not finish within 10 s; exiting');
    process.exit(1);
  }, 10_000).unref();
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
