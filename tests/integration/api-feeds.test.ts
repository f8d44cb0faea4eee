import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createApiKey, verifyApiKey } from '../../server/auth/api-keys.js';
import { createPgliteDatabase } from '../../db/pglite-database.js';
import { MAX_UPLOAD_BYTES } from '../../server/routes/feeds.js';
import { listen } from '../support/listen.js';
import { testApp } from '../support/test-app.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';

const run = promisify(execFile);

/** A steward's file made here: two good rows, one without a name (rejected), one with a latitude out of range (kept, warned). */
const V1 = [
  'id,name,name_fr,address,city,province,postal_code,lat,lon,categories,hours',
  'NB-1,Fredericton Service Centre,Centre de services de Fredericton,432 Queen St,Fredericton,NB,E3B 1B6,45.9620,-66.6410,health_card;drivers_licence,Mon-Fri 8:30-16:30',
  'NB-2,,,,Fredericton,NB,,45.95,-66.65,health_card,',
  'NB-3,Moncton Service Centre,,770 Main St,Moncton,NB,E1C 1E7,46.0890,-64.7800,health_card,',
  'NB-4,Oromocto Service Centre,,,Oromocto,NB,,95.5,-66.47,health_card,',
].join('\n');
/** The next version: the Fredericton centre moved across the river and was renamed. */
const V2 = [
  'id,name,address,city,province,lat,lon,categories',
  'NB-1,Fredericton North Service Centre,1 Main St,Fredericton,NB,45.9750,-66.6500,health_card;drivers_licence',
  'NB-3,Moncton Service Centre,770 Main St,Moncton,NB,46.0890,-64.7800,health_card',
].join('\n');

describe.each(MODES)('jurisdictions’ feeds and API keys on %s', (mode) => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  let nbKey: string;
  let onKey: string;
  const feedId = 'ca-nb-service-centres';
  const nearestHealthCard = async () => {
    const res = await request(app)
      .get('/api/service-points/nearest?lon=-66.6431&lat=45.9636&category=health_card&jurisdiction=ca-nb&limit=5')
      .expect(200);
    return res.body.results.map((r: { name: string }) => r.name) as string[];
  };
  const upload = (key: string, content: string | Buffer, name = 'centres.csv', id = feedId) =>
    request(app)
      .post(`/api/feeds/${id}/versions`)
      .set('Authorization', `Bearer ${key}`)
      .attach('file', Buffer.from(content), name);

  /** A new New Brunswick feed of its own for the test that asks, so every test runs alone or in any order. */
  let feeds = 0;
  const freshFeed = async (): Promise<string> => {
    feeds += 1;
    const res = await request(app)
      .post('/api/feeds')
      .set('Authorization', `Bearer ${nbKey}`)
      .send({ jurisdiction_id: 'ca-nb', name_en: `Test centres ${feeds}`, name_fr: `Centres d’essai ${feeds}` })
      .expect(201);
    return res.body.id as string;
  };

  beforeAll(async () => {
    t = await openTestDatabase(mode);
    nbKey = (await createApiKey(t.db, 'ca-nb', 'test')).key;
    onKey = (await createApiKey(t.db, 'ca-on', 'test')).key;
    // Each test makes its own feed: more writes than one client may make a minute, which is not what this file tests.
    app = testApp(t.db, undefined, undefined, { WRITE_RATE_LIMIT_PER_MIN: 0 });
  });
  afterAll(() => t?.cleanup());

  it('refuses writes without a valid key: 401 problem+json with a Bearer challenge', async () => {
    const none = await request(app).post('/api/feeds').send({ jurisdiction_id: 'ca-nb', name: 'X' }).expect(401);
    expect(none.headers['content-type']).toContain('application/problem+json');
    expect(none.headers['www-authenticate']).toContain('Bearer');
    const malformed = await request(app)
      .post('/api/feeds')
      .set('Authorization', 'Bearer nonsense')
      .send({})
      .expect(401);
    expect(malformed.body.detail).toMatch(/not valid/);
    // The right prefix with a wrong secret must fail too (the hash, not the prefix, is the check).
    const forged = `${nbKey.slice(0, 13)}${'A'.repeat(43)}`;
    await request(app).post('/api/feeds').set('Authorization', `Bearer ${forged}`).send({}).expect(401);
    const fr = await request(app).post('/api/feeds?lang=fr').send({}).expect(401);
    expect(fr.body.title).toBe('Non autorisé');
  });

  it('stores keys hashed, never in clear', async () => {
    const rows = await t.db.query<{ key_prefix: string; key_hash: string }>(
      'SELECT key_prefix, key_hash FROM api_keys',
    );
    for (const r of rows.rows) {
      expect(r.key_hash.startsWith('hmac-sha256$')).toBe(true);
      expect(r.key_hash).not.toContain(nbKey.slice(13));
      expect(r.key_hash).not.toContain(onKey.slice(13));
    }
    expect(await verifyApiKey(t.db, nbKey)).toMatchObject({ jurisdictionId: 'ca-nb' });
    expect(await verifyApiKey(t.db, `${nbKey}x`)).toBeNull();
  });

  it('creates a feed only for the key’s own jurisdiction, however the body is written', async () => {
    const other = await request(app)
      .post('/api/feeds')
      .set('Authorization', `Bearer ${onKey}`)
      .send({ jurisdiction_id: 'ca-nb', id: feedId, name: 'Sneaky' })
      .expect(403);
    expect(other.body.detail).toMatch(/another jurisdiction/);
    const created = await request(app)
      .post('/api/feeds')
      .set('Authorization', `Bearer ${nbKey}`)
      .send({
        jurisdiction_id: 'ca-nb',
        name_en: 'Service centres',
        name_fr: 'Centres de services',
        licence: 'OGL-NB',
        source_url: 'https://example.org/centres.csv',
      })
      .expect(201);
    expect(created.body).toMatchObject({
      id: feedId,
      jurisdiction_id: 'ca-nb',
      format: 'csv',
      published_version: null,
      versions: 0,
    });
    expect(created.headers['location']).toBe(`/api/feeds/${feedId}`);
    await request(app)
      .post('/api/feeds')
      .set('Authorization', `Bearer ${nbKey}`)
      .send({ jurisdiction_id: 'ca-nb', name: 'Service centres' })
      .expect(409);
    const bad = await request(app)
      .post('/api/feeds')
      .set('Authorization', `Bearer ${nbKey}`)
      .send({ jurisdiction_id: 'ca-nb', source_url: 'ftp://x', mapping: { name: 5 } })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['mapping.name', 'source_url']);
    const unnamed = await request(app)
      .post('/api/feeds')
      .set('Authorization', `Bearer ${nbKey}`)
      .send({ jurisdiction_id: 'ca-nb' })
      .expect(400);
    expect(unnamed.body.errors.map((e: { field: string }) => e.field)).toEqual(['name_en']);
  });

  it('tells a steward which jurisdiction the key acts for, and creates a feed there without being told', async () => {
    const me = await request(app).get('/api/keys/me').set('Authorization', `Bearer ${nbKey}`).expect(200);
    expect(me.headers['cache-control']).toBe('no-store');
    expect(me.body).toEqual({
      jurisdiction_id: 'ca-nb',
      jurisdiction_name: 'New Brunswick',
      jurisdiction: {
        id: 'ca-nb',
        level: 'provincial',
        name_en: 'New Brunswick',
        name_fr: 'Nouveau-Brunswick',
        province: 'NB',
      },
    });
    expect(JSON.stringify(me.body)).not.toContain(nbKey.slice(13));
    const fr = await request(app).get('/api/keys/me?lang=fr').set('Authorization', `Bearer ${onKey}`).expect(200);
    expect(fr.body.jurisdiction_name).toBe('Ontario');
    await request(app).get('/api/keys/me').expect(401);
    await request(app).get('/api/keys/me').set('Authorization', `Bearer ${nbKey}x`).expect(401);
    await request(app).get('/api/keys/me?lang=xx').set('Authorization', `Bearer ${nbKey}`).expect(400);
    // No jurisdiction in the body: the key's own.
    const created = await request(app)
      .post('/api/feeds')
      .set('Authorization', `Bearer ${onKey}`)
      .send({ name: 'Key-named centres' })
      .expect(201);
    expect(created.body).toMatchObject({ id: 'ca-on-key-named-centres', jurisdiction_id: 'ca-on' });
  });

  it('uploads a file with errors and answers the staged version with its row-by-row report', async () => {
    const id = await freshFeed();
    const res = await upload(nbKey, V1, 'centres.csv', id).expect(201);
    expect(res.body).toMatchObject({ status: 'staged', counts: { rows: 4, accepted: 3, rejected: 1 } });
    expect(res.body.version_id).toEqual(expect.any(Number));
    const missingName = res.body.issues.find((i: { code: string }) => i.code === 'missing_name');
    expect(missingName).toMatchObject({ row: 2, field: 'name', severity: 'error' });
    expect(missingName.message_en).toBeTruthy();
    expect(missingName.message_fr).toBeTruthy();
    expect(
      res.body.issues.some((i: { row: number; severity: string }) => i.row === 4 && i.severity === 'warning'),
    ).toBe(true);
    // Staged is not published: citizens do not see it yet.
    const near = await request(app).get('/api/service-points/nearest?lon=-66.6431&lat=45.9636&limit=50').expect(200);
    expect(near.body.results.filter((r: { source: { feed_id: string } }) => r.source.feed_id === id)).toEqual([]);
    // Only the owning key sees a version that is not published (tests/reliability/feed-privacy.test.ts).
    const version = await request(app)
      .get(`/api/feeds/${id}/versions/${res.body.version_id}`)
      .set('Authorization', `Bearer ${nbKey}`)
      .expect(200);
    expect(version.body).toMatchObject({
      status: 'staged',
      source_name: 'centres.csv',
      counts: { rows: 4, rejected: 1 },
    });
    expect(version.body.report.issues.length).toBeGreaterThan(0);
  });

  it('a key of another jurisdiction cannot upload, publish or roll back this feed', async () => {
    const id = await freshFeed();
    await upload(nbKey, V1, 'centres.csv', id).expect(201);
    await upload(onKey, V2, 'centres.csv', id).expect(403);
    const viaBody = await request(app)
      .post(`/api/feeds/${id}/versions`)
      .set('Authorization', `Bearer ${onKey}`)
      .send({ jurisdiction_id: 'ca-on', source_url: 'https://example.org/x.csv' })
      .expect(403);
    expect(viaBody.headers['content-type']).toContain('application/problem+json');
    const versions = await request(app).get(`/api/feeds/${id}/versions`).expect(200);
    const staged = versions.body.results[0].id as number;
    await request(app)
      .post(`/api/feeds/${id}/versions/${staged}/publish`)
      .set('Authorization', `Bearer ${onKey}`)
      .expect(403);
    await request(app).post(`/api/feeds/${id}/rollback`).set('Authorization', `Bearer ${onKey}`).expect(403);
    // Nothing changed.
    const after = await request(app).get(`/api/feeds/${id}`).expect(200);
    expect(after.body).toMatchObject({ published_version: null, versions: 1 });
  });

  it('publish, then rollback, changes what nearest answers', async () => {
    const id = await freshFeed();
    await upload(nbKey, V1, 'centres.csv', id).expect(201);
    const versions = await request(app).get(`/api/feeds/${id}/versions`).expect(200);
    const v1 = versions.body.results[0].id as number;
    const published = await request(app)
      .post(`/api/feeds/${id}/versions/${v1}/publish`)
      .set('Authorization', `Bearer ${nbKey}`)
      .expect(200);
    expect(published.body).toMatchObject({
      feed_id: id,
      version_id: v1,
      status: 'published',
      previous_version_id: null,
    });
    // Oromocto's coordinates were out of range and this test database has no gazetteer: kept, but not on the map.
    const v1Names = await nearestHealthCard();
    expect(v1Names).toEqual(['Fredericton Service Centre', 'Moncton Service Centre']);

    const second = await upload(nbKey, V2, 'centres-2.csv', id).expect(201);
    const v2 = second.body.version_id as number;
    await request(app)
      .post(`/api/feeds/${id}/versions/${v2}/publish`)
      .set('Authorization', `Bearer ${nbKey}`)
      .expect(200);
    const v2Names = await nearestHealthCard();
    expect(v2Names).toEqual(['Fredericton North Service Centre', 'Moncton Service Centre']);
    const feed = await request(app).get('/api/feeds').expect(200);
    expect(feed.body.results.find((f: { id: string }) => f.id === id)).toMatchObject({
      published_version: { id: v2, points: 2, located_points: 2, counts: { rows: 2, accepted: 2 } },
      latest_version: { id: v2, status: 'published' },
    });

    const rolled = await request(app)
      .post(`/api/feeds/${id}/rollback`)
      .set('Authorization', `Bearer ${nbKey}`)
      .expect(200);
    expect(rolled.body).toMatchObject({ version_id: v1, rolled_back_version_id: v2 });
    expect(await nearestHealthCard()).toEqual(v1Names);
    const history = await request(app).get(`/api/feeds/${id}/versions`).expect(200);
    expect(history.body.results.map((v: { id: number; status: string }) => [v.id, v.status])).toEqual([
      [v2, 'rolled_back'],
      [v1, 'published'],
    ]);
    // Nothing older to go back to.
    await request(app).post(`/api/feeds/${id}/rollback`).set('Authorization', `Bearer ${nbKey}`).expect(409);
    // Publishing v2 again rolls forward.
    await request(app)
      .post(`/api/feeds/${id}/versions/${v2}/publish`)
      .set('Authorization', `Bearer ${nbKey}`)
      .expect(200);
    expect(await nearestHealthCard()).toEqual(v2Names);
  });

  it('records a file that cannot be used as a failed version, which cannot be published', async () => {
    const id = await freshFeed();
    const res = await upload(nbKey, 'id,name\n', 'empty.csv', id).expect(200);
    expect(res.body.status).toBe('failed');
    expect(res.body.issues.some((i: { code: string }) => i.code === 'no_rows')).toBe(true);
    const publish = await request(app)
      .post(`/api/feeds/${id}/versions/${res.body.version_id}/publish`)
      .set('Authorization', `Bearer ${nbKey}`)
      .expect(409);
    expect(publish.headers['content-type']).toContain('application/problem+json');
    await request(app)
      .post(`/api/feeds/${id}/versions/999999/publish`)
      .set('Authorization', `Bearer ${nbKey}`)
      .expect(404);
  });

  it('refuses uploads over the size limit with 413, bad bodies with 400/415, and private source URLs', async () => {
    const id = await freshFeed();
    const big = Buffer.alloc(MAX_UPLOAD_BYTES + 1024, 'a');
    const tooBig = await upload(nbKey, big, 'big.csv', id).expect(413);
    expect(tooBig.headers['content-type']).toContain('application/problem+json');
    const noFile = await request(app)
      .post(`/api/feeds/${id}/versions`)
      .set('Authorization', `Bearer ${nbKey}`)
      .field('format', 'csv')
      .expect(400);
    expect(noFile.body.errors[0].field).toBe('file');
    await request(app)
      .post(`/api/feeds/${id}/versions`)
      .set('Authorization', `Bearer ${nbKey}`)
      .set('Content-Type', 'text/plain')
      .send('hello')
      .expect(415);
    const local = await request(app)
      .post(`/api/feeds/${id}/versions`)
      .set('Authorization', `Bearer ${nbKey}`)
      .send({ source_url: 'http://127.0.0.1:9/x.csv' })
      .expect(400);
    expect(local.body.errors[0]).toMatchObject({ field: 'source_url' });
    await request(app)
      .post('/api/feeds/no-such-feed/versions')
      .set('Authorization', `Bearer ${nbKey}`)
      .attach('file', Buffer.from(V2), 'x.csv')
      .expect(404);
  });

  it('stops reading a streamed upload at the limit (no Content-Length to trust)', async () => {
    const id = await freshFeed();
    const server = await listen(app);
    try {
      const boundary = 'finderboundary';
      const status = await new Promise<number>((resolve, reject) => {
        const req = http.request(
          `${server.url}/api/feeds/${id}/versions`,
          {
            method: 'POST',
            headers: {
              Authorization: `Bearer ${nbKey}`,
              'Content-Type': `multipart/form-data; boundary=${boundary}`,
              'Transfer-Encoding': 'chunked',
            },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.write(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n`,
        );
        const chunk = Buffer.alloc(1024 * 1024, 'b');
        for (let i = 0; i < MAX_UPLOAD_BYTES / chunk.length + 2; i++) req.write(chunk);
        req.end(`\r\n--${boundary}--\r\n`);
      });
      expect(status).toBe(413);
    } finally {
      await server.close();
    }
  });

  it('lists feeds and versions with cache validators, and 404s unknown ones', async () => {
    const own = await freshFeed();
    const list = await request(app).get('/api/feeds').expect(200);
    expect(list.body.results.map((f: { id: string }) => f.id)).toContain(own);
    expect(list.headers['etag']).toBeDefined();
    expect(list.headers['cache-control']).toBe('no-cache');
    const csv = await request(app).get('/api/feeds?format=csv').expect(200);
    expect(csv.text.startsWith('\uFEFFid,')).toBe(true);
    await request(app).get('/api/feeds/no-such-feed').expect(404);
    await request(app).get('/api/feeds/no-such-feed/versions').expect(404);
    await request(app).get(`/api/feeds/${feedId}/versions/999999`).expect(404);
    const bad = await request(app).get('/api/feeds?jurisdiction=Nova%20Scotia').expect(400);
    expect(bad.body.errors[0].field).toBe('jurisdiction');
  });

  it('exports an empty list as CSV with the same header as a full one', async () => {
    const own = await freshFeed();
    const header = (text: string) =>
      text
        .replace(/^\uFEFF/, '')
        .split(/\r?\n/)[0]
        ?.split(',');
    const full = await request(app).get('/api/feeds?format=csv&jurisdiction=ca-nb').expect(200);
    expect(full.text.split('\n').length).toBeGreaterThan(2);
    // No test registers a Nunavut feed: the list is empty, and the export still names its columns.
    const none = await request(app).get('/api/feeds?jurisdiction=ca-nu').expect(200);
    expect(none.body.results).toEqual([]);
    const empty = await request(app).get('/api/feeds?format=csv&jurisdiction=ca-nu').expect(200);
    expect(header(empty.text)).toEqual(header(full.text));
    expect(header(empty.text)).toContain('jurisdiction_id');
    // A feed with no version yet: its version history exports the columns of one with versions.
    const versions = await request(app).get(`/api/feeds/${own}/versions?format=csv`).expect(200);
    await upload(nbKey, V1, 'centres.csv', own).expect(201);
    const oneVersion = await request(app).get(`/api/feeds/${own}/versions?format=csv`).expect(200);
    expect(oneVersion.text.split('\n').length).toBeGreaterThan(2);
    expect(header(versions.text)).toEqual(header(oneVersion.text));
  });

  // Two command-line runs through tsx: slow to start on a busy machine.
  it(
    '`npm run keys -- create` prints a working key as its last line, and can add a municipality',
    { timeout: 240_000 },
    async () => {
      const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent' };
      let dataDir: string | null = null;
      if (mode === 'pglite') {
        // PGlite is one process: the command gets its own copy of a migrated database.
        dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'finder-keys-'));
        fs.cpSync(inject('pgliteTemplate'), dataDir, { recursive: true });
        delete env['DATABASE_URL'];
        env['DATA_DIR'] = dataDir;
      } else {
        env['DATABASE_URL'] = t.url ?? '';
      }
      try {
        const out = await run(
          'npx',
          ['tsx', 'scripts/keys.ts', 'create', '--jurisdiction', 'ca-nb-fredericton', '--name-en', 'Fredericton'],
          { env },
        );
        const key = out.stdout.trim().split('\n').pop() ?? '';
        expect(key).toMatch(/^spf_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
        // The operator is told the municipality was added (its jurisdiction is checked in the database below).
        expect(out.stdout).toContain('ca-nb-fredericton');
        const db = dataDir ? await createPgliteDatabase(dataDir) : t.db;
        try {
          expect(await verifyApiKey(db, key)).toMatchObject({ jurisdictionId: 'ca-nb-fredericton' });
          const j = await db.query<{ level: string; parent_id: string; time_zone: string }>(
            "SELECT level, parent_id, time_zone FROM jurisdictions WHERE id = 'ca-nb-fredericton'",
          );
          expect(j.rows[0]).toEqual({ level: 'municipal', parent_id: 'ca-nb', time_zone: 'America/Moncton' });
        } finally {
          if (dataDir) await db.close();
        }
        await expect(
          run('npx', ['tsx', 'scripts/keys.ts', 'create', '--jurisdiction', 'ca-zz-nowhere'], { env }),
        ).rejects.toThrow();
      } finally {
        if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
  );
});
