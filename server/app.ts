import type { AppConfig } from '../contract/platform.js';
import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import compression from 'compression';
import expressStaticGzip from 'express-static-gzip';
import cors from 'cors';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Config } from './config.js';
import type { Database } from '../db/database.js';
import { queryClassMiddleware } from '../db/query-class.js';
import { errorHandler, notFound } from './http/error-handler.js';
import { requestLimits } from './http/limits.js';
import type { Logger } from './logger.js';
import { channelsApiRouter } from './routes/channels-api.js';
import { healthRouter } from './routes/health.js';
import type { CatalogCheck } from './feed-catalog-check.js';
import { placesRouter } from './routes/places.js';
import { coverageRouter } from './routes/coverage.js';
import { gapsRouter } from './routes/gaps.js';
import { partnershipsRouter } from './routes/partnerships.js';
import { tilesRouter } from './routes/tiles.js';
import { layersRouter } from './routes/layers.js';
import { ogcRouter } from './routes/ogc.js';
import { hsdsRouter } from './routes/hsds.js';
import { nearestHandler, servicePointsRouter } from './routes/service-points.js';
import { leanNearestRoute } from './nearest/lean-route.js';
import { PublishedPointIndex } from './nearest/published-point-index.js';
import { categoriesRouter } from './routes/categories.js';
import { feedsRouter } from './routes/feeds.js';
import { feedPullsRouter } from './routes/feed-pulls.js';
import type { PullOptions } from './pulls/run-pull.js';
import { feedStewardRouter } from './routes/feed-steward.js';
import { keysRouter } from './routes/keys.js';
import { feedReportsRouter } from './routes/feed-reports.js';
import { lifeEventsRouter } from './routes/life-events.js';
import { openApiRouter } from './routes/openapi.js';

export interface AppDeps {
  db: Database;
  config: Pick<Config, 'CLIENT_DIST' | 'BASEMAP_STYLE_URL'> &
    Partial<
      Pick<Config, 'RATE_LIMIT_PER_MIN' | 'WRITE_RATE_LIMIT_PER_MIN' | 'TRUST_PROXY' | 'NEAREST_INDEX_MAX_POINTS'>
    >;
  logger: Logger;
  /** What the first start found in the feed catalog (GET /api/status). */
  catalog?: CatalogCheck;
  /**
   * The in-process nearest index; by default one is made and started here
   * (unless NEAREST_INDEX_MAX_POINTS is 0). `null`: always answer from SQL.
   */
  nearestIndex?: PublishedPointIndex | null;
  /**
   * How a steward's "pull now" fetches and imports. Tests narrow the refused
   * addresses to reach their own server on loopback; the server never sets it.
   */
  pulls?: PullOptions;
  /**
   * GET /api/service-points/nearest ahead of the general middleware (server/nearest/lean-route.ts);
   * false: only through the general chain (the comparison test's reference).
   */
  leanNearest?: boolean;
}

/** Builds the Express app (no listen): the API and, when built, the client. */
export function createApp({
  db: database,
  config,
  logger,
  catalog,
  nearestIndex,
  pulls,
  leanNearest,
}: AppDeps): express.Express {
  const app = express();
  const maxIndexed = config.NEAREST_INDEX_MAX_POINTS ?? 500_000;
  let pointIndex = nearestIndex;
  if (pointIndex === undefined && maxIndexed > 0) {
    pointIndex = new PublishedPointIndex(database, { maxPoints: maxIndexed, logger });
    pointIndex
      .start()
      .catch((err: Error) =>
        logger.warn({ err }, 'nearest index: could not listen for changes; answering from the database'),
      );
  }
  // Writes made through the app hold the index back until their change is loaded.
  const db = pointIndex ? pointIndex.trackWrites(database) : database;
  app.locals['nearestIndex'] = pointIndex ?? null;
  app.disable('x-powered-by');
  // Only the configured proxies (default: one on this machine) may set the client address.
  app.set('trust proxy', config.TRUST_PROXY ?? 'loopback');
  app.set('etag', 'strong');

  const basemapOrigin = config.BASEMAP_STYLE_URL ? new URL(config.BASEMAP_STYLE_URL).origin : undefined;
  // Every response's security headers (the client's page is served by this app too).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        'default-src': ["'self'"],
        // MapLibre runs its tile worker from a blob: URL built by the bundle.
        'worker-src': ["'self'", 'blob:'],
        'child-src': ["'self'", 'blob:'],
        'img-src': ["'self'", 'data:', 'blob:', ...(basemapOrigin ? [basemapOrigin] : [])],
        'connect-src': ["'self'", ...(basemapOrigin ? [basemapOrigin, 'https:'] : [])],
        'style-src': ["'self'", "'unsafe-inline'"],
        'script-src': ["'self'"],
        // The app is often served over plain HTTP on a local network.
        'upgrade-insecure-requests': null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  const accessLog = pinoHttp({
    logger,
    autoLogging: { ignore: (req) => req.url === '/api/health' },
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
  // Open data: any site may read it; writes need an API key, which CORS does not expose.
  const openData = cors({ methods: ['GET', 'HEAD'], exposedHeaders: ['ETag', 'Link'], maxAge: 600 });
  // gzip for clients that ask (the map library alone is about 1 MB uncompressed).
  const compress = compression();
  // 0 turns a limit off.
  const limits = requestLimits({
    perMinute: config.RATE_LIMIT_PER_MIN ?? 1200,
    writesPerMinute: config.WRITE_RATE_LIMIT_PER_MIN ?? 30,
  });
  const nearest = nearestHandler(db, pointIndex);

  // The citizen's nearest search, ahead of the chain: the same answer, headers, limit and log, without
  // the per-request work of middleware that changes nothing for it (tests/integration/lean-nearest.test.ts).
  if (leanNearest !== false) {
    app.get(
      '/api/service-points/nearest',
      leanNearestRoute({
        headerMiddleware: [securityHeaders, openData],
        accessLog,
        compression: compress,
        readLimit: limits.reads,
        answer: nearest,
        errorHandler,
        logger,
      }),
    );
  }

  app.use(securityHeaders);
  app.use(accessLog);
  app.use(compress);
  app.use(['/api', '/ogc', '/tiles', '/hsds'], openData);
  if (limits.reads) app.use(limits.reads);
  if (limits.writes) app.use(limits.writes);
  app.use(express.json({ limit: '1mb' }));
  // Citizens, analysts and writers each draw on their own connection pool.
  app.use(queryClassMiddleware);

  app.use('/api', healthRouter(db, catalog));
  app.use('/api/service-points', servicePointsRouter(db, { index: pointIndex, nearest }));
  app.use('/api/places', placesRouter(db));
  app.use('/api/categories', categoriesRouter(db));
  app.use('/api/life-events', lifeEventsRouter(db));
  app.use('/api/feeds', feedReportsRouter(db));
  app.use('/api/feeds', feedPullsRouter(db, pulls));
  app.use('/api/feeds', feedStewardRouter(db));
  app.use('/api/feeds', feedsRouter(db));
  app.use('/api/keys', keysRouter(db));
  app.use('/api', openApiRouter());
  app.use('/api/coverage', coverageRouter(db));
  app.use('/api/gaps', gapsRouter(db));
  app.use('/api/partnerships', partnershipsRouter(db));
  app.use('/api/layers', layersRouter(db));
  app.use('/tiles', tilesRouter(db));
  app.use('/ogc', ogcRouter(db));
  app.use('/hsds', hsdsRouter(db));
  app.get('/api/config', (_req, res) => {
    res
      .set('Cache-Control', 'no-cache')
      .json({ basemap_style_url: config.BASEMAP_STYLE_URL ?? null } satisfies AppConfig);
  });
  app.use('/api', channelsApiRouter(db));
  app.use('/api', notFound);

  const index = path.join(config.CLIENT_DIST, 'index.html');
  if (fs.existsSync(index)) {
    // The build writes brotli and gzip copies beside each asset; sent as they are, they cost the server nothing per visit.
    app.use(
      expressStaticGzip(config.CLIENT_DIST, {
        enableBrotli: true,
        orderPreference: ['br', 'gzip'],
        index: false,
        serveStatic: { index: false, maxAge: '1h' },
      }),
    );
    // Client routes (/, /fr/, /analysis, ...) all load the one page.
    app.get(/^\/(?!api\/|tiles\/|ogc\/|hsds\/).*/, (_req, res) => {
      res.set('Cache-Control', 'no-cache').sendFile(index);
    });
  } else {
    app.get('/', (_req, res) => {
      res
        .type('text/plain')
        .send(
          'The client is not built. Run `npm run build`, then restart.\nLe client n’est pas construit. Lancez `npm run build`, puis redémarrez.\n',
        );
    });
  }

  app.use(notFound);
  app.use(errorHandler);
  return app;
}
