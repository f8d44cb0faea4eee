import http from 'node:http';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../db/database.js';
import { openDatabase } from '../../db/open-database.js';
import { isPrivateAddress } from '../../data-loaders/lib/public-address.js';
import { createApiKey } from '../../server/auth/api-keys.js';
import { PullScheduler } from '../../server/pulls/pull-scheduler.js';
import type { PullOptions } from '../../server/pulls/run-pull.js';
import { testApp } from '../support/test-app.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';

const FIRST =
  'id,name,address,city,province,lat,lon\nP1,Fredericton centre,1 King St,Fredericton,NB,45.9636,-66.6431\n';
const SECOND = `${FIRST}P2,Moncton centre,2 Main St,Moncton,NB,46.0878,-64.7782\n`;
const LAST_MODIFIED = 'Tue, 01 Dec 2026 12:00:00 GMT';

/**
 * Server mode: a second instance as the server opens its database (no batch class, acting for
 * nobody outside a request), as the app's own role where it exists, so row-level security binds it
 * as in production; the test database's owner otherwise.
 */
async function secondInstance(url: string): Promise<Database> {
  const app = new URL(url);
  app.username = 'finder_app';
  app.password = 'finder_app';
  for (const candidate of [app.toString(), url]) {
    const db = await openDatabase({ DATABASE_URL: candidate, DATA_DIR: '', PG_POOL_MAX: 2 }, 'server');
    if (
      await db.query('SELECT 1').then(
        () => true,
        () => false,
      )
    )
      return db;
    await db.close();
  }
  throw new Error('no second connection');
}

/**
 * A publisher's web server on loopback: serves `body` with an ETag and a
 * Last-Modified (unless told not to), answers 304 to a matching If-None-Match
 * or If-Modified-Since, and can fail or be slow on demand. Counts what it is asked.
 */
function freshPublisherState() {
  return {
    body: FIRST,
    etag: '"v1"' as string | null,
    lastModified: LAST_MODIFIED as string | null,
    status: 200,
    delayMs: 0,
    requests: [] as { url: string; ifNoneMatch?: string; ifModifiedSince?: string }[],
  };
}

async function publisher() {
  const state = freshPublisherState();
  const server = http.createServer((req, res) => {
    state.requests.push({
      url: req.url ?? '',
      ifNoneMatch: req.headers['if-none-match'],
      ifModifiedSince: req.headers['if-modified-since'],
    });
    setTimeout(() => {
      if (state.status !== 200) return res.writeHead(state.status).end('unavailable');
      const headers: Record<string, string> = { 'Content-Type': 'text/csv' };
      if (state.etag) headers['ETag'] = state.etag;
      if (state.lastModified) headers['Last-Modified'] = state.lastModified;
      const fresh =
        (state.etag && req.headers['if-none-match'] === state.etag) ||
        (!req.headers['if-none-match'] &&
          state.lastModified &&
          req.headers['if-modified-since'] === state.lastModified);
      if (fresh) return res.writeHead(304, headers).end();
      res.writeHead(200, headers).end(state.body);
    }, state.delayMs);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    state,
    port,
    /** Back to the first file, its validators, no failure, no delay, and nothing asked yet. */
    reset: () => Object.assign(state, freshPublisherState()),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

describe.each(MODES)('scheduled pulls of a feed from its source URL on %s', (mode) => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  let key: string;
  let otherKey: string;
  let source: Awaited<ReturnType<typeof publisher>>;
  let pulls: PullOptions;
  let scheduler: PullScheduler;
  const auth = () => ({ Authorization: `Bearer ${key}` });

  const versions = async (feedId: string) =>
    (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM feed_versions WHERE feed_id = $1', [feedId]))
      .rows[0]!.n;
  /** Makes the feed's next scheduled pull due now (as if its interval had passed). */
  const due = (feedId: string) =>
    t.db.query(`UPDATE feed_pull_schedules SET next_run_at = now() - interval '1 second' WHERE feed_id = $1`, [feedId]);
  const latestPull = async (feedId: string) =>
    (await request(app).get(`/api/feeds/${feedId}/pulls?limit=1`).set(auth()).expect(200)).body.results[0];

  /** A new feed of its own for each test, published at its own path on the publisher. */
  let feedCount = 0;
  const freshFeed = async (what = 'pulled') => {
    const id = `ca-nb-${what}-${++feedCount}`;
    const path = `/${id}.csv`;
    await request(app)
      .post('/api/feeds')
      .set(auth())
      .send({ id, name: `Pulled centres ${feedCount}`, source_url: `http://publisher.example:${source.port}${path}` })
      .expect(201);
    return { id, path };
  };
  /**
   * A fresh feed on a daily, publishing schedule whose first scheduled pull has run: one version
   * published from the publisher's file as it stands, and that file's validators kept.
   */
  const pulledFeed = async () => {
    const feed = await freshFeed();
    await request(app)
      .put(`/api/feeds/${feed.id}/pull-schedule`)
      .set(auth())
      .send({ interval: 'daily', publish: true })
      .expect(201);
    expect(await scheduler.tick()).toBe(1);
    expect(await latestPull(feed.id)).toMatchObject({ outcome: 'published' });
    return feed;
  };

  beforeAll(async () => {
    t = await openTestDatabase(mode);
    key = (await createApiKey(t.db, 'ca-nb', 'steward')).key;
    otherKey = (await createApiKey(t.db, 'ca-on', 'other')).key;
    source = await publisher();
    // The publisher stands for a public server: its name resolves to loopback, and loopback
    // (only 127.0.0.1 itself) is let through; every other private form stays refused.
    pulls = {
      fetch: {
        resolve: async () => [{ address: '127.0.0.1', family: 4 }],
        isRefused: (a) => a !== '127.0.0.1' && isPrivateAddress(a),
      },
      downloadTimeoutMs: 5_000,
    };
    // Every test makes its own feed and schedule: more writes than a steward's per-minute limit, which
    // this file is not about.
    app = testApp(t.db, undefined, undefined, { WRITE_RATE_LIMIT_PER_MIN: 0 }, { pulls });
    scheduler = new PullScheduler(t.db, { ...pulls, worker: 'test-worker' });
  }, 180_000);
  beforeEach(async () => {
    source.reset();
    // Feeds that earlier tests scheduled are not due during this one: each tick counts this test's pulls only.
    await t.db.query(`UPDATE feed_pull_schedules SET next_run_at = now() + interval '1 year'`);
  });
  afterAll(async () => {
    await scheduler?.stop();
    await source?.close();
    await t?.cleanup();
  });

  it('checks the schedule: one interval, at least 15 minutes, a source URL, the key’s own feed; errors in both languages', async () => {
    const feed = await freshFeed();
    const both = await request(app)
      .put(`/api/feeds/${feed.id}/pull-schedule`)
      .set(auth())
      .send({ interval: 'daily', interval_minutes: 60 });
    expect(both.status).toBe(400);
    expect(both.body.errors[0]).toMatchObject({ field: 'interval' });
    expect(both.body.errors[0].message_fr).toContain('pas les deux');
    const tooOften = await request(app)
      .put(`/api/feeds/${feed.id}/pull-schedule`)
      .set(auth())
      .send({ interval_minutes: 5 });
    expect(tooOften.status).toBe(400);
    expect(tooOften.body.errors[0]).toMatchObject({ field: 'interval_minutes' });
    expect(tooOften.body.errors[0].message_fr).toContain('au moins 15');
    const badName = await request(app)
      .put(`/api/feeds/${feed.id}/pull-schedule?lang=fr`)
      .set(auth())
      .send({ interval: 'monthly' });
    expect(badName.status).toBe(400);
    expect(badName.body.errors[0].message_fr).toContain('hourly, daily, weekly');
    await request(app)
      .put(`/api/feeds/${feed.id}/pull-schedule`)
      .set({ Authorization: `Bearer ${otherKey}` })
      .send({ interval: 'daily' })
      .expect(403);
    await request(app).put(`/api/feeds/${feed.id}/pull-schedule`).send({ interval: 'daily' }).expect(401);
    await request(app)
      .get(`/api/feeds/${feed.id}/pulls`)
      .set({ Authorization: `Bearer ${otherKey}` })
      .expect(403);

    const noSourceId = `ca-nb-no-source-${++feedCount}`;
    await request(app).post('/api/feeds').set(auth()).send({ id: noSourceId, name: 'No source' }).expect(201);
    const noSource = await request(app)
      .put(`/api/feeds/${noSourceId}/pull-schedule`)
      .set('Accept-Language', 'fr')
      .set(auth())
      .send({ interval: 'daily' });
    expect(noSource.status).toBe(409);
    expect(noSource.body.detail).toContain('adresse source');
    await request(app).get(`/api/feeds/${noSourceId}/pull-schedule`).set(auth()).expect(404);

    const doc = (await request(app).get('/api/openapi.json').expect(200)).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/feeds/{id}/pull-schedule', '/api/feeds/{id}/pulls']),
    );
    expect(doc.paths['/api/feeds/{id}/pull-schedule'].put.requestBody).toBeDefined();
  });

  it('the first scheduled pull creates a version', async () => {
    const feed = await freshFeed();
    const set = await request(app)
      .put(`/api/feeds/${feed.id}/pull-schedule`)
      .set(auth())
      .send({ interval: 'daily', publish: true })
      .expect(201);
    expect(set.body).toMatchObject({ interval: 'daily', interval_minutes: 1440, enabled: true, publish: true });
    expect(set.body.latest_pull).toBeNull();

    expect(await scheduler.tick()).toBe(1);
    expect(source.state.requests).toHaveLength(1);
    expect(source.state.requests[0]).toMatchObject({ url: feed.path, ifNoneMatch: undefined });
    const pull = await latestPull(feed.id);
    expect(pull).toMatchObject({
      trigger: 'schedule',
      outcome: 'published',
      http_status: 200,
      bytes: Buffer.byteLength(FIRST),
      version_status: 'published',
      error: null,
    });
    expect(pull.finished_at).not.toBeNull();
    expect(await versions(feed.id)).toBe(1);
    const shown = (await request(app).get(`/api/feeds/${feed.id}`).expect(200)).body;
    expect(shown.published_version.id).toBe(pull.version_id);

    // Not due again for a day: another look pulls nothing.
    expect(await scheduler.tick()).toBe(0);
    expect(source.state.requests).toHaveLength(1);
    const schedule = (await request(app).get(`/api/feeds/${feed.id}/pull-schedule`).set(auth()).expect(200)).body;
    expect(schedule.conditional).toEqual({ etag: '"v1"', last_modified: LAST_MODIFIED });
    expect(new Date(schedule.next_run_at).getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
    expect(schedule.latest_pull.id).toBe(pull.id);
  });

  it('a scheduled pull that finds the file unchanged creates no version: a 304 to its conditional request', async () => {
    const feed = await pulledFeed();
    await due(feed.id);
    expect(await scheduler.tick()).toBe(1);
    expect(source.state.requests.at(-1)).toMatchObject({ ifNoneMatch: '"v1"', ifModifiedSince: LAST_MODIFIED });
    expect(await latestPull(feed.id)).toMatchObject({
      outcome: 'unchanged',
      http_status: 304,
      bytes: 0,
      version_id: null,
    });
    expect(await versions(feed.id)).toBe(1);
  });

  it('… and the same bytes from a server that sends no validators create no version either', async () => {
    const feed = await pulledFeed();
    source.state.etag = null;
    source.state.lastModified = null;
    await due(feed.id);
    expect(await scheduler.tick()).toBe(1);
    expect(await latestPull(feed.id)).toMatchObject({
      outcome: 'unchanged',
      http_status: 200,
      bytes: Buffer.byteLength(FIRST),
    });
    expect(await versions(feed.id)).toBe(1);
  });

  it('a changed file makes a new version', async () => {
    const feed = await pulledFeed();
    source.state.body = SECOND;
    source.state.etag = '"v2"';
    await due(feed.id);
    expect(await scheduler.tick()).toBe(1);
    const pull = await latestPull(feed.id);
    expect(pull).toMatchObject({ outcome: 'published', http_status: 200, bytes: Buffer.byteLength(SECOND) });
    expect(await versions(feed.id)).toBe(2);
    const shown = (await request(app).get(`/api/feeds/${feed.id}`).expect(200)).body;
    expect(shown.published_version).toMatchObject({ id: pull.version_id, points: 2 });
  });

  it('a failing source is recorded as failed with its code, and the published version stays', async () => {
    // Two versions published, the second (two centres, "v2") the current one.
    const feed = await pulledFeed();
    source.state.body = SECOND;
    source.state.etag = '"v2"';
    await due(feed.id);
    expect(await scheduler.tick()).toBe(1);
    expect(await versions(feed.id)).toBe(2);
    source.state.status = 503;
    await due(feed.id);
    expect(await scheduler.tick()).toBe(1);
    const pull = await latestPull(feed.id);
    expect(pull).toMatchObject({ outcome: 'failed', http_status: 503, version_id: null });
    expect(pull.error).toMatchObject({ code: 'source_http_status' });
    expect(pull.error.message_en).toContain('HTTP 503');
    expect(pull.error.message_fr).toContain('HTTP 503');
    expect(await versions(feed.id)).toBe(2);
    // The failure kept the last good validators: the next pull is still conditional.
    source.state.status = 200;
    await due(feed.id);
    expect(await scheduler.tick()).toBe(1);
    expect(source.state.requests.at(-1)).toMatchObject({ ifNoneMatch: '"v2"' });
    expect(await latestPull(feed.id)).toMatchObject({ outcome: 'unchanged', http_status: 304 });

    // A file the import refuses as a whole: a failed version, with the import's own code.
    source.state.body = 'id,name,lat,lon\n';
    source.state.etag = '"empty"';
    await due(feed.id);
    expect(await scheduler.tick()).toBe(1);
    const refused = await latestPull(feed.id);
    expect(refused).toMatchObject({ outcome: 'failed', http_status: 200, version_status: 'failed' });
    expect(refused.error.code).toBe('no_rows');
    const shown = (await request(app).get(`/api/feeds/${feed.id}`).expect(200)).body;
    expect(shown.published_version.points).toBe(2);
  });

  it('a pull cut off is closed as interrupted by the next one; a new source URL gets an unconditional request', async () => {
    const feed = await pulledFeed();
    // What a server that died mid-pull leaves behind: a pull still shown as running.
    await t.db.query(
      `INSERT INTO feed_pulls (feed_id, jurisdiction_id, trigger, started_at) VALUES ($1, 'ca-nb', 'schedule', now() - interval '1 hour')`,
      [feed.id],
    );
    const moved = `http://publisher.example:${source.port}/moved.csv`;
    await t.db.query(`UPDATE feeds SET source_url = $1 WHERE id = $2`, [moved, feed.id]);
    await due(feed.id);
    expect(await scheduler.tick()).toBe(1);
    expect(source.state.requests.at(-1)).toEqual({
      url: '/moved.csv',
      ifNoneMatch: undefined,
      ifModifiedSince: undefined,
    });
    const history = (await request(app).get(`/api/feeds/${feed.id}/pulls?limit=2`).set(auth()).expect(200)).body
      .results;
    expect(history[0]).toMatchObject({ source_url: moved, outcome: 'unchanged' });
    expect(history[1]).toMatchObject({ outcome: 'failed', error: { code: 'pull_interrupted' } });
    expect(history[1].finished_at).not.toBeNull();
  });

  it('a disabled schedule runs no pull; "pull now" runs one at once and answers it', async () => {
    const feed = await pulledFeed();
    // The publisher tags the very same file anew: a conditional request no longer gets a 304, the bytes come back.
    source.state.etag = '"v1-retagged"';
    await request(app)
      .put(`/api/feeds/${feed.id}/pull-schedule`)
      .set(auth())
      .send({ interval_minutes: 90, enabled: false, publish: true })
      .expect(200);
    await due(feed.id);
    const before = source.state.requests.length;
    expect(await scheduler.tick()).toBe(0);
    expect(source.state.requests).toHaveLength(before);
    const now = await request(app).post(`/api/feeds/${feed.id}/pulls`).set(auth()).expect(201);
    // The published version was read from these very bytes: the import finds nothing new.
    expect(now.body).toMatchObject({ trigger: 'manual', outcome: 'unchanged', http_status: 200 });
    expect(source.state.requests).toHaveLength(before + 1);
  });

  it('never runs two pulls of one feed at once: two workers claiming together run one pull', async () => {
    const feed = await pulledFeed();
    await request(app)
      .put(`/api/feeds/${feed.id}/pull-schedule`)
      .set(auth())
      .send({ interval: 'hourly', publish: true })
      .expect(200);
    // Server mode: a second instance on its own connections. Embedded mode has one process and one
    // connection, so the two schedulers share it, as two timers of one process would.
    const second: Database = t.url ? await secondInstance(t.url) : t.db;
    const a = new PullScheduler(t.db, { ...pulls, worker: 'instance-a' });
    const b = new PullScheduler(second, { ...pulls, worker: 'instance-b' });
    try {
      source.state.delayMs = 300;
      source.state.etag = '"v3"';
      source.state.body = `${SECOND}P3,Saint John centre,3 Water St,Saint John,NB,45.2733,-66.0633\n`;
      await due(feed.id);
      const before = source.state.requests.length;
      const pullsBefore = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM feed_pulls')).rows[0]!.n;
      const ran = await Promise.all([a.tick(), b.tick()]);
      expect(ran[0] + ran[1]).toBe(1);
      expect(source.state.requests).toHaveLength(before + 1);
      const pullsAfter = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM feed_pulls')).rows[0]!.n;
      expect(pullsAfter).toBe(pullsBefore + 1);
      expect(await latestPull(feed.id)).toMatchObject({ outcome: 'published' });

      // While a scheduled pull holds the feed, a steward's "pull now" is refused rather than run beside it.
      source.state.delayMs = 3000;
      source.state.etag = '"v4"';
      source.state.body = SECOND;
      await due(feed.id);
      const running = b.tick();
      // Wait until the scheduled pull has claimed the feed (the source holds its answer for 3 s).
      await vi.waitFor(
        async () =>
          expect((await request(app).get(`/api/feeds/${feed.id}/pull-schedule`).set(auth())).body.running).toBe(true),
        { timeout: 10_000, interval: 25 },
      );
      const refused = await request(app).post(`/api/feeds/${feed.id}/pulls`).set(auth());
      expect(refused.status).toBe(409);
      expect(await running).toBe(1);
      const schedule = (await request(app).get(`/api/feeds/${feed.id}/pull-schedule`).set(auth()).expect(200)).body;
      expect(schedule.running).toBe(false);
    } finally {
      source.state.delayMs = 0;
      await a.stop();
      await b.stop();
      if (second !== t.db) await second.close();
    }
  });

  it('a private source URL is refused, before any connection, and recorded', async () => {
    const inside = `ca-nb-inside-${++feedCount}`;
    await request(app)
      .post('/api/feeds')
      .set(auth())
      .send({
        id: inside,
        name: 'Inside',
        // The publisher itself, spelled as an IPv4-mapped IPv6 literal: still loopback, still refused.
        source_url: `http://[::ffff:127.0.0.1]:${source.port}/centres.csv`,
      })
      .expect(201);
    await request(app).put(`/api/feeds/${inside}/pull-schedule`).set(auth()).send({ interval: 'weekly' }).expect(201);
    const before = source.state.requests.length;
    expect(await scheduler.tick()).toBe(1);
    const pull = await latestPull(inside);
    expect(pull).toMatchObject({ outcome: 'failed', http_status: null, bytes: null });
    expect(pull.error.code).toBe('source_private');
    expect(pull.error.message_fr).toContain('réseau privé');
    expect(source.state.requests).toHaveLength(before);
    expect(await versions(inside)).toBe(0);
    await request(app).delete(`/api/feeds/${inside}/pull-schedule`).set(auth()).expect(204);
    await request(app).delete(`/api/feeds/${inside}/pull-schedule`).set(auth()).expect(404);
    // The history stays after the schedule goes.
    expect((await latestPull(inside)).id).toBe(pull.id);
  });
});
