import type { Server } from 'node:http';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAndPublish } from '../../data-loaders/lib/publish-feed.js';
import { PROVINCIAL_FEED, PROVINCIAL_POINTS, publishTinyFeeds, reportFor } from '../fixtures/tiny-feeds.js';
import { testApp } from '../support/test-app.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * Conditional GETs across the read API: a client (or a cache in front) that sends back the
 * ETag it holds gets 304 and no body while the answer is the same, and the new answer
 * once a publish changed it.
 */
describe.each(MODES)('conditional GETs on %s', (mode) => {
  let t: TestDatabase;
  // One listening server, so every request has the same host (OGC links are absolute).
  let app: Server;
  const nearest = '/api/service-points/nearest?lon=-66.6431&lat=45.9636&limit=5';

  beforeAll(async () => {
    t = await openTestDatabase(mode);
    await publishTinyFeeds(t.db);
    app = testApp(t.db).listen(0, '127.0.0.1');
    await new Promise((r) => app.once('listening', r));
  });
  afterAll(async () => {
    await new Promise((r) => app?.close(r));
    await t?.cleanup();
  });

  it('answers 304 without a body to a matching If-None-Match on every kind of read', async () => {
    const one = (await request(app).get(nearest).expect(200)).body.results[0].id as string;
    const paths = [
      nearest,
      `/api/service-points/${one}`,
      '/api/service-points?bbox=-67,45.5,-64,46.5',
      '/api/service-points?bbox=-67,45.5,-64,46.5&format=geojson',
      '/api/categories',
      '/api/life-events',
      '/api/feeds',
      '/api/coverage',
      '/api/openapi.json',
      '/ogc/collections/service_points/items?limit=2',
      '/hsds/services',
    ];
    for (const p of paths) {
      const first = await request(app).get(p).expect(200);
      const etag = first.headers['etag'];
      expect(etag, p).toMatch(/^(W\/)?"/);
      const again = await request(app).get(p).set('If-None-Match', etag!);
      expect(again.status, p).toBe(304);
      expect(again.text ?? '', p).toBe('');
      // Another representation's tag is not a match.
      expect((await request(app).get(p).set('If-None-Match', '"not-this-one"')).status, p).toBe(200);
    }
  });

  it('sends the new answer, with a new tag, once a publish changed it', async () => {
    const before = await request(app).get(nearest).expect(200);
    await loadAndPublish(t.db, PROVINCIAL_FEED, {
      checksum: 'p2',
      sourceName: 'p2.csv',
      records: PROVINCIAL_POINTS.slice(0, 1),
      report: reportFor(PROVINCIAL_POINTS.slice(0, 1)),
    });
    const after = await request(app).get(nearest).set('If-None-Match', before.headers['etag']!);
    expect(after.status).toBe(200);
    expect(after.headers['etag']).not.toBe(before.headers['etag']);
    expect(after.body.results.map((r: { name: string }) => r.name)).not.toContain('Saint John provincial centre');
  });
});
