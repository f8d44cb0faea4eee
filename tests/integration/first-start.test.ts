import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../../server/auth/api-keys.js';
import { bootstrapEmptyDatabase } from '../../server/bootstrap.js';
import { CATALOG } from '../../data-loaders/sources/catalog.js';
import { NPM_GAZETTEER_SOURCE } from '../../data-loaders/sources/gazetteer-npm.js';
import { serviceCanadaOffices } from '../../data-loaders/sources/service-canada-offices.js';
import { downloadSource } from '../../data-loaders/lib/download-source.js';
import { checkFeedCatalog, newCatalogCheck } from '../../server/feed-catalog-check.js';
import { createLogger } from '../../server/logger.js';
import { testApp } from '../support/test-app.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';

const silent = createLogger('silent');

/** An office list in the Service Canada layout, made here. */
const OFFICES = [
  'region,center-type,center-lang,name,link',
  'NB,Service Canada Centre,Services offered in English and French,Fredericton Service Canada Centre,https://example.ca/sc-dsp.jsp?rc=1',
  'NB,Service Canada Centre,Services offered in English and French,Moncton Service Canada Centre,https://example.ca/sc-dsp.jsp?rc=2',
].join('\n');

describe.each(MODES)('first start on an empty database, on %s', (mode) => {
  let t: TestDatabase;
  let files: http.Server;
  let filesUrl: string;
  // Each test is a first start: it gets an empty database of its own, so what one loads never shows in another.
  beforeEach(async () => {
    t = await openTestDatabase(mode);
  });
  afterEach(async () => {
    await t?.cleanup();
  });
  beforeAll(async () => {
    // A publisher's download on this machine: no network is needed or used.
    files = http.createServer((req, res) => {
      if (req.url === '/file-index.csv') res.writeHead(200, { 'Content-Type': 'text/csv' }).end(OFFICES);
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => files.listen(0, '127.0.0.1', r));
    filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => files?.close(r));
  });

  it('tries every service-point feed of the catalog and says, feed by feed, why none could be loaded', async () => {
    const check = await checkFeedCatalog(t.db, silent, newCatalogCheck());
    const feeds = CATALOG.filter((s) => s.kind === 'feed');
    expect(check.state).toBe('done');
    expect(check.feeds.map((f) => f.source)).toEqual(feeds.map((s) => s.id));
    for (const f of check.feeds)
      expect(f.outcome).toBe(feeds.find((s) => s.id === f.source)!.download ? 'unreachable' : 'no_download');
    const status = await request(testApp(t.db, undefined, check))
      .get('/api/status')
      .expect(200);
    expect(status.body.published_points).toBe(0);
    expect(status.body.catalog.state).toBe('done');
    expect(status.body.catalog.feeds.map((f: { title_fr: string }) => f.title_fr)).toContain(
      'Bureaux de Service Canada (liste des bureaux)',
    );
  });

  it('a download that is refused is unreachable, and nothing is stored', async () => {
    const closed = `${filesUrl.replace(/:\d+$/, '')}:1/file-index.csv`;
    const check = await checkFeedCatalog(t.db, silent, newCatalogCheck(), {
      sources: [{ ...serviceCanadaOffices, download: { url: closed } }],
    });
    expect(check.feeds).toEqual([
      expect.objectContaining({ source: 'service-canada-offices', outcome: 'unreachable' }),
    ]);
    const n = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM feed_versions');
    expect(n.rows[0]!.n).toBe(0);
  });

  it('a feed it can download is loaded and published, and the next start fetches nothing', async () => {
    const source = { ...serviceCanadaOffices, download: { url: `${filesUrl}/file-index.csv` } };
    // The publisher here is on loopback, which the real downloader refuses (source-url-ssrf.test.ts).
    const check = await checkFeedCatalog(t.db, silent, newCatalogCheck(), {
      sources: [source],
      download: (spec) => downloadSource(spec, 8000, { allowPrivate: true }),
    });
    expect(check.feeds).toEqual([expect.objectContaining({ source: 'service-canada-offices', outcome: 'loaded' })]);
    const status = await request(testApp(t.db, undefined, check))
      .get('/api/status')
      .expect(200);
    expect(status.body.published_points).toBe(2);
    let fetched = 0;
    const again = await checkFeedCatalog(t.db, silent, newCatalogCheck(), {
      sources: [source],
      download: async () => {
        fetched += 1;
        return { error: 'not expected' };
      },
    });
    expect(again.state).toBe('not_needed');
    expect(fetched).toBe(0);
  });
});

// A clean clone: no ../shared, only what the repository ships (data/ and the npm gazetteer).
describe.each(MODES)('first start of a clean clone on %s', (mode) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(mode);
  });
  afterAll(() => t?.cleanup());

  it('has the 2021 census units, the npm places for search, and locates a row that has only a postal code', async () => {
    await bootstrapEmptyDatabase(t.db, silent);
    const units = await t.db.query<{ source: string; n: number; people: number }>(
      'SELECT source, count(*)::int AS n, sum(population)::bigint AS people FROM population_units GROUP BY source',
    );
    expect(units.rows).toEqual([{ source: 'cwb-2021', n: 5161, people: 36_991_981 }]);
    const npm = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM places WHERE source = $1', [
      NPM_GAZETTEER_SOURCE,
    ]);
    expect(npm.rows[0]!.n).toBeGreaterThan(1000);
    // The next start loads nothing again.
    await bootstrapEmptyDatabase(t.db, silent);
    const again = await t.db.query<{ n: number; p: number }>(
      'SELECT (SELECT count(*) FROM population_units)::int AS n, (SELECT count(*) FROM places)::int AS p',
    );
    expect(again.rows[0]!.n).toBe(5161);
    // The npm places, every 2021 FSA, and every First Nation the shipped file locates.
    const firstNations = fs.readFileSync(path.resolve('data/first-nations.csv'), 'utf8').trim().split('\n').slice(1);
    const locatedFirstNations = firstNations.filter((line) => !line.includes(',none,')).length;
    expect(again.rows[0]!.p).toBe(npm.rows[0]!.n + 1643 + locatedFirstNations);

    const key = (await createApiKey(t.db, 'ca-nb', 'first start')).key;
    const app = testApp(t.db);
    const feed = await request(app)
      .post('/api/feeds')
      .set('Authorization', `Bearer ${key}`)
      .send({ jurisdiction_id: 'ca-nb', name: 'Service New Brunswick' })
      .expect(201);
    const csv = 'id,name,postal_code\nSNB-1,Service New Brunswick Fredericton,E3B 1B6\n';
    const staged = await request(app)
      .post(`/api/feeds/${feed.body.id}/versions`)
      .set('Authorization', `Bearer ${key}`)
      .attach('file', Buffer.from(csv), 'snb.csv')
      .expect(201);
    expect(staged.body.counts).toMatchObject({ rows: 1, accepted: 1 });
    await request(app)
      .post(`/api/feeds/${feed.body.id}/versions/${staged.body.version_id}/publish`)
      .set('Authorization', `Bearer ${key}`)
      .expect(200);
    const near = await request(app).get('/api/service-points/nearest?lon=-66.64&lat=45.96&limit=1').expect(200);
    const e3b = await t.db.query<{ lon: number; lat: number }>(
      "SELECT lon, lat FROM places WHERE kind = 'postal_code' AND name = 'E3B'",
    );
    expect(near.body.results[0]).toMatchObject({
      name: 'Service New Brunswick Fredericton',
      geocode_quality: 'postal_code',
      lon: e3b.rows[0]!.lon,
      lat: e3b.rows[0]!.lat,
    });
  }, 120_000);
});
