import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { createLogger } from '../../server/logger.js';
import { OPENAPI_ROUTES } from '../../server/routes/openapi.js';
import { testApp } from '../support/test-app.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';

interface StackLayer {
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: StackLayer[] };
  mountPath?: unknown;
}

/**
 * Every API route the Express app really answers, read from the app itself: its routers'
 * stacks, with the mount path of each sub-router recorded as the app is built (Express
 * keeps a route's own path but not a mount point's). Independent of the OpenAPI lists.
 */
function servedRoutes(build: () => express.Express): string[] {
  const proto = express.Router.prototype as unknown as { use: (...args: unknown[]) => unknown };
  const use = proto.use;
  proto.use = function (this: { stack: StackLayer[] }, ...args: unknown[]) {
    const before = this.stack.length;
    const out = use.apply(this, args);
    for (const layer of this.stack.slice(before))
      layer.mountPath = typeof args[0] === 'string' ? args[0] : Array.isArray(args[0]) ? args[0] : '/';
    return out;
  };
  let app: express.Express;
  try {
    app = build();
  } finally {
    proto.use = use;
  }
  const found: string[] = [];
  const walk = (stack: StackLayer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const [method, on] of Object.entries(layer.route.methods))
          if (on && method !== '_all') found.push(`${method} ${prefix}${layer.route.path}`);
      } else if (layer.handle.stack && typeof layer.mountPath === 'string') {
        walk(layer.handle.stack, prefix + (layer.mountPath === '/' ? '' : layer.mountPath));
      }
    }
  };
  walk((app as unknown as { router: { stack: StackLayer[] } }).router.stack, '');
  return found;
}

/** One spelling for "a path parameter here": Express `:id` / `:file`, OpenAPI `{id}` / `{y}.mvt`. */
const shape = (route: string) =>
  route
    .replace(/(.)\/$/, '$1')
    .split('/')
    .map((seg) => (/[:{]/.test(seg) ? '{}' : seg))
    .join('/');

interface Operation {
  parameters: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[];
  responses: Record<string, unknown>;
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  security?: unknown[];
}

describe.each(MODES)('OpenAPI document on %s', (mode) => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  let doc: { openapi: string; paths: Record<string, Record<string, Operation>>; components: Record<string, unknown> };

  beforeAll(async () => {
    t = await openTestDatabase(mode);
    app = testApp(t.db);
    const res = await request(app).get('/api/openapi.json').expect(200);
    doc = res.body;
  });
  afterAll(() => t?.cleanup());

  it('is OpenAPI 3.1 with every path of the contract', () => {
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/api/places/search',
      '/api/service-points/nearest',
      '/api/service-points',
      '/api/service-points/{id}',
      '/api/categories',
      '/api/life-events',
      '/api/life-events/{code}/nearest',
      '/api/feeds',
      '/api/feeds/{id}/versions',
      '/api/feeds/{id}/versions/{version_id}/publish',
      '/api/feeds/{id}/rollback',
      '/api/coverage',
      '/api/gaps',
      '/api/openapi.json',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(Object.keys(doc.paths['/api/feeds'] ?? {}).sort()).toEqual(['get', 'post']);
  });

  it('describes parameters from the same zod schemas that validate them', () => {
    const nearest = doc.paths['/api/service-points/nearest']?.['get'];
    const byName = new Map(nearest?.parameters.map((p) => [p.name, p]));
    expect(byName.get('lon')).toMatchObject({
      in: 'query',
      required: true,
      schema: { type: 'number', minimum: -180, maximum: 180 },
    });
    // A larger limit is lowered to the maximum (as OGC API Features does), so the document says so rather than refusing it.
    expect(byName.get('limit')).toMatchObject({
      required: false,
      description: expect.stringContaining('At most 100'),
      schema: { default: 10, minimum: 1 },
    });
    for (const filter of [
      'level',
      'jurisdiction',
      'category',
      'language',
      'accessibility',
      'open_now',
      'max_distance_km',
      'format',
      'lang',
    ]) {
      expect(byName.has(filter), filter).toBe(true);
    }
    const byId = doc.paths['/api/service-points/{id}']?.['get'];
    expect(byId?.parameters.find((p) => p.name === 'id')).toMatchObject({ in: 'path', required: true });
    expect(byId?.responses['404']).toBeDefined();
  });

  it('marks writes as needing a bearer key and describes the upload', () => {
    const upload = doc.paths['/api/feeds/{id}/versions']?.['post'];
    expect(upload?.security).toEqual([{ apiKey: [] }]);
    expect(upload?.requestBody?.content['multipart/form-data']?.schema).toMatchObject({
      properties: { file: { format: 'binary' } },
    });
    expect(upload?.responses['413']).toBeDefined();
    expect(upload?.responses['403']).toBeDefined();
    const create = doc.paths['/api/feeds']?.['post'];
    // The jurisdiction comes from the key; a body may still name it (and is refused if it names another).
    const createSchema = create?.requestBody?.content['application/json']?.schema as
      { properties?: Record<string, unknown>; required?: string[] } | undefined;
    expect(createSchema?.properties?.['jurisdiction_id']).toBeDefined();
    expect(createSchema?.required ?? []).not.toContain('jurisdiction_id');
    expect(doc.paths['/api/keys/me']?.['get']?.security).toEqual([{ apiKey: [] }]);
    // One version: anyone may ask for a published one, a key shows its own jurisdiction's drafts.
    const version = doc.paths['/api/feeds/{id}/versions/{version_id}']?.['get'];
    expect(version?.security).toEqual([{}, { apiKey: [] }]);
    expect(version?.responses['401']).toMatchObject({ description: expect.stringContaining('not valid') });
    expect(version?.responses['404']).toMatchObject({ description: expect.stringContaining('never published') });
    expect(version?.responses['403']).toBeUndefined();
    expect(doc.components['securitySchemes']).toMatchObject({ apiKey: { type: 'http', scheme: 'bearer' } });
  });

  it('names every route exactly once and only real operations', async () => {
    const described = OPENAPI_ROUTES.flat();
    const keys = described.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    // Every route the app serves under /api, /ogc, /tiles and /hsds is in the document, and nothing more.
    const served = servedRoutes(() => testApp(t.db)).filter((r) => /^\w+ \/(api|ogc|tiles|hsds)(\/|$)/.test(r));
    expect(served.length).toBeGreaterThan(20);
    expect([...new Set(served.map(shape))].sort()).toEqual([...new Set(keys.map(shape))].sort());
    // Each described GET without path parameters answers something other than 404 (the route exists).
    for (const r of described.filter((x) => x.method === 'get' && !x.path.includes('{'))) {
      const res = await request(app).get(r.path);
      expect(res.status, r.path).not.toBe(404);
    }
  });

  it('GET /api/config tells the client its base map: none (offline) by default, the configured style otherwise', async () => {
    const offline = await request(app).get('/api/config').expect(200);
    expect(offline.body).toEqual({ basemap_style_url: null });
    expect(offline.headers['cache-control']).toBe('no-cache');
    const online = createApp({
      db: t.db,
      config: { CLIENT_DIST: 'dist/client', BASEMAP_STYLE_URL: 'https://tiles.example.org/style.json' },
      logger: createLogger('silent'),
    });
    expect((await request(online).get('/api/config').expect(200)).body).toEqual({
      basemap_style_url: 'https://tiles.example.org/style.json',
    });
  });

  it('is cacheable', async () => {
    const res = await request(app).get('/api/openapi.json').expect(200);
    expect(res.headers['etag']).toBeDefined();
    expect(res.headers['cache-control']).toContain('max-age');
  });
});
