import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../server/auth/api-keys.js';
import { importFeedFile } from '../../data-loaders/lib/import-feed.js';
import { testApp } from '../support/test-app.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';

const ROWS = [
  'id,name,city,province,lat,lon',
  'NB-1,Fredericton Service Centre,Fredericton,NB,45.9620,-66.6410',
  'NB-2,Private draft office 555-0199,Moncton,NB,46.0890,-64.7800',
].join('\n');

describe.each(MODES)('who sees what of a jurisdiction’s feeds on %s', (mode) => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  let nbKey: string;
  let onKey: string;
  let caKey: string;
  beforeAll(async () => {
    t = await openTestDatabase(mode);
    nbKey = (await createApiKey(t.db, 'ca-nb', 'test')).key;
    onKey = (await createApiKey(t.db, 'ca-on', 'test')).key;
    caKey = (await createApiKey(t.db, 'ca', 'test')).key;
    app = testApp(t.db);
  });
  afterAll(() => t?.cleanup());

  it('shows a staged or failed version’s report to the owning key only; a published one to everyone', async () => {
    await request(app)
      .post('/api/feeds')
      .set('Authorization', `Bearer ${nbKey}`)
      .send({ jurisdiction_id: 'ca-nb', id: 'ca-nb-drafts', name: 'Drafts' })
      .expect(201);
    const staged = await request(app)
      .post('/api/feeds/ca-nb-drafts/versions')
      .set('Authorization', `Bearer ${nbKey}`)
      .attach('file', Buffer.from(ROWS), 'drafts.csv')
      .expect(201);
    const failed = await request(app)
      .post('/api/feeds/ca-nb-drafts/versions')
      .set('Authorization', `Bearer ${nbKey}`)
      .attach('file', Buffer.from('id,name\n'), 'empty.csv')
      .expect(200);
    for (const id of [staged.body.version_id, failed.body.version_id]) {
      const url = `/api/feeds/ca-nb-drafts/versions/${id}`;
      const anyone = await request(app).get(url).expect(404);
      expect(JSON.stringify(anyone.body)).not.toContain('555-0199');
      await request(app).get(url).set('Authorization', `Bearer ${onKey}`).expect(404);
      await request(app)
        .get(url)
        .set('Authorization', 'Bearer spf_00000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')
        .expect(401);
      const owner = await request(app).get(url).set('Authorization', `Bearer ${nbKey}`).expect(200);
      expect(owner.headers['cache-control']).toContain('no-store');
      expect(owner.body.report).toBeTruthy();
    }
    await request(app)
      .post(`/api/feeds/ca-nb-drafts/versions/${staged.body.version_id}/publish`)
      .set('Authorization', `Bearer ${nbKey}`)
      .expect(200);
    const published = await request(app).get(`/api/feeds/ca-nb-drafts/versions/${staged.body.version_id}`).expect(200);
    expect(published.body).toMatchObject({ status: 'published', report: { counts: { rows: 2 } } });
  });

  it('reports an internal failure by its code, never with its text (paths, SQL)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finder-secret-path-'));
    const missing = path.join(dir, 'no-such-upload');
    const r = await importFeedFile(
      t.db,
      { id: 'ca-nb-unreadable', jurisdiction_id: 'ca-nb', name_en: 'Unreadable', name_fr: 'Illisible', format: 'csv' },
      missing,
      {
        originalName: 'drafts.csv',
        publish: false,
        format: 'csv',
      },
    );
    fs.rmSync(dir, { recursive: true, force: true });
    expect(r.status).toBe('failed');
    const text = JSON.stringify(r.report.toJSON());
    expect(text).toContain('unreadable_file');
    expect(text).toContain('ENOENT');
    expect(text).not.toContain('finder-secret-path');
    const stored = await request(app)
      .get(`/api/feeds/ca-nb-unreadable/versions/${r.versionId}`)
      .set('Authorization', `Bearer ${nbKey}`)
      .expect(200);
    expect(JSON.stringify(stored.body)).not.toContain(os.tmpdir());
  });

  it('namespaces feed ids by jurisdiction: no key can take another government’s or a catalog source’s id', async () => {
    for (const id of ['service-canada-offices', 'ca-on-centres', 'serviceontario-locations', 'ca-nbx-centres']) {
      const res = await request(app)
        .post('/api/feeds')
        .set('Authorization', `Bearer ${nbKey}`)
        .send({ jurisdiction_id: 'ca-nb', id, name: 'Squat' })
        .expect(400);
      expect(res.body.errors[0]).toMatchObject({ field: 'id' });
    }
    // Canada's key cannot take an id in New Brunswick's namespace either.
    await request(app)
      .post('/api/feeds')
      .set('Authorization', `Bearer ${caKey}`)
      .send({ jurisdiction_id: 'ca', id: 'ca-nb-passports', name: 'Squat' })
      .expect(400);
    await request(app)
      .post('/api/feeds')
      .set('Authorization', `Bearer ${caKey}`)
      .send({ jurisdiction_id: 'ca', id: 'ca-passport-offices', name: 'Passport offices' })
      .expect(201);
    await request(app)
      .post('/api/feeds')
      .set('Authorization', `Bearer ${nbKey}`)
      .send({ jurisdiction_id: 'ca-nb', name: 'Libraries' })
      .expect(201)
      .then((r) => expect(r.body.id).toBe('ca-nb-libraries'));
  });

  it('a load into a feed id another jurisdiction holds fails loudly and writes nothing there', async () => {
    // New Brunswick's own feed, which this test creates: any test runs alone, in any order.
    await request(app)
      .post('/api/feeds')
      .set('Authorization', `Bearer ${nbKey}`)
      .send({ jurisdiction_id: 'ca-nb', id: 'ca-nb-held', name: 'Held' })
      .expect(201);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finder-squat-'));
    const file = path.join(dir, 'offices.csv');
    fs.writeFileSync(file, ROWS);
    // Ontario's loader (the catalog, the command line) aims at New Brunswick's feed id.
    const r = await importFeedFile(
      t.db,
      { id: 'ca-nb-held', jurisdiction_id: 'ca-on', name_en: 'Squat', name_fr: 'Squat', format: 'csv' },
      file,
      {
        originalName: 'offices.csv',
        publish: true,
        format: 'csv',
      },
    );
    fs.rmSync(dir, { recursive: true, force: true });
    expect(r.status).toBe('failed');
    expect(r.report.issues.map((i) => i.code)).toContain('feed_of_other_jurisdiction');
    const rows = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM service_points WHERE feed_id = 'ca-nb-held' AND jurisdiction_id <> 'ca-nb'`,
    );
    expect(rows.rows[0]?.n).toBe(0);
    const feed = await t.db.query<{ jurisdiction_id: string; name_en: string }>(
      `SELECT jurisdiction_id, name_en FROM feeds WHERE id = 'ca-nb-held'`,
    );
    expect(feed.rows[0]).toEqual({ jurisdiction_id: 'ca-nb', name_en: 'Held' });
  });
});
