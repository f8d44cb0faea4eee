import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPENAPI_ROUTES } from '../../server/routes/openapi.js';
import { testApp } from '../support/test-app.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';

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
      '/api/places/search', '/api/service-points/nearest', '/api/service-points', '/api/service-points/{id}', '/api/categories',
      '/api/life-events', '/api/life-events/{code}/nearest', '/api/feeds', '/api/feeds/{id}/versions',
      '/api/feeds/{id}/versions/{version_id}/publish', '/api/feeds/{id}/rollback', '/api/coverage', '/api/gaps',
      '/api/openapi.json',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(Object.keys(doc.paths['/api/feeds'] ?? {}).sort()).toEqual(['get', 'post']);
  });

  it('describes parameters from the same zod schemas that validate them', () => {
    const nearest = doc.paths['/api/service-points/nearest']?.['get'];
    const byName = new Map(nearest?.parameters.map((p) => [p.name, p]));
    expect(byName.get('lon')).toMatchObject({ in: 'query', required: true, schema: { type: 'number', minimum: -180, maximum: 180 } });
    expect(byName.get('limit')).toMatchObject({ required: false, schema: { default: 10, maximum: 100 } });
    for (const filter of ['level', 'jurisdiction', 'category', 'language', 'accessibility', 'open_now', 'max_distance_km', 'format', 'lang']) {
      expect(byName.has(filter), filter).toBe(true);
    }
    const byId = doc.paths['/api/service-points/{id}']?.['get'];
    expect(byId?.parameters.find((p) => p.name === 'id')).toMatchObject({ in: 'path', required: true });
    expect(byId?.responses['404']).toBeDefined();
  });

  it('marks writes as needing a bearer key and describes the upload', () => {
    const upload = doc.paths['/api/feeds/{id}/versions']?.['post'];
    expect(upload?.security).toEqual([{ apiKey: [] }]);
    expect(upload?.requestBody?.content['multipart/form-data']?.schema).toMatchObject({ properties: { file: { format: 'binary' } } });
    expect(upload?.responses['413']).toBeDefined();
    expect(upload?.responses['403']).toBeDefined();
    const create = doc.paths['/api/feeds']?.['post'];
    // The jurisdiction comes from the key; a body may still name it (and is refused if it names another).
    const createSchema = create?.requestBody?.content['application/json']?.schema as { properties?: Record<string, unknown>; required?: string[] } | undefined;
    expect(createSchema?.properties?.['jurisdiction_id']).toBeDefined();
    expect(createSchema?.required ?? []).not.toContain('jurisdiction_id');
    expect(doc.paths['/api/keys/me']?.['get']?.security).toEqual([{ apiKey: [] }]);
    expect(doc.components['securitySchemes']).toMatchObject({ apiKey: { type: 'http', scheme: 'bearer' } });
  });

  it('names every route exactly once and only real operations', async () => {
    const described = OPENAPI_ROUTES.flat();
    const keys = described.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    // Each described GET without path parameters answers something other than 404 (the route exists).
    for (const r of described.filter((x) => x.method === 'get' && !x.path.includes('{'))) {
      const res = await request(app).get(r.path);
      expect(res.status, r.path).not.toBe(404);
    }
  });

  it('is cacheable', async () => {
    const res = await request(app).get('/api/openapi.json').expect(200);
    expect(res.headers['etag']).toBeDefined();
    expect(res.headers['cache-control']).toContain('max-age');
  });
});
