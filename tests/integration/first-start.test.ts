import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG } from '../../data-loaders/sources/catalog.js';
import { serviceCanadaOffices } from '../../data-loaders/sources/service-canada-offices.js';
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
  beforeAll(async () => {
    t = await openTestDatabase(mode);
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
    await t?.cleanup();
  });

  it('tries every service-point feed of the catalog and says, feed by feed, why none could be loaded', async () => {
    const check = await checkFeedCatalog(t.db, silent, newCatalogCheck());
    const feeds = CATALOG.filter((s) => s.kind === 'feed');
    expect(check.state).toBe('done');
    expect(check.feeds.map((f) => f.source)).toEqual(feeds.map((s) => s.id));
    for (const f of check.feeds) expect(f.outcome).toBe(feeds.find((s) => s.id === f.source)!.download ? 'unreachable' : 'no_download');
    const status = await request(testApp(t.db, undefined, check)).get('/api/status').expect(200);
    expect(status.body.published_points).toBe(0);
    expect(status.body.catalog.state).toBe('done');
    expect(status.body.catalog.feeds.map((f: { title_fr: string }) => f.title_fr)).toContain('Bureaux de Service Canada (liste des bureaux)');
  });

  it('a download that is refused is unreachable, and nothing is stored', async () => {
    const closed = `${filesUrl.replace(/:\d+$/, '')}:1/file-index.csv`;
    const check = await checkFeedCatalog(t.db, silent, newCatalogCheck(), {
      sources: [{ ...serviceCanadaOffices, download: { url: closed } }],
    });
    expect(check.feeds).toEqual([expect.objectContaining({ source: 'service-canada-offices', outcome: 'unreachable' })]);
    const n = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM feed_versions');
    expect(n.rows[0]!.n).toBe(0);
  });

  it('a feed it can download is loaded and published, and the next start fetches nothing', async () => {
    const source = { ...serviceCanadaOffices, download: { url: `${filesUrl}/file-index.csv` } };
    const check = await checkFeedCatalog(t.db, silent, newCatalogCheck(), { sources: [source] });
    expect(check.feeds).toEqual([expect.objectContaining({ source: 'service-canada-offices', outcome: 'loaded' })]);
    const status = await request(testApp(t.db, undefined, check)).get('/api/status').expect(200);
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
