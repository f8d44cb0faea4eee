import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readReferenceData } from '../../data-loaders/lib/reference-data.js';
import type { Database } from '../../db/database.js';
import { createPgliteDatabase } from '../../db/pglite-database.js';
import { testApp } from '../support/test-app.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';

const run = promisify(execFile);

/** The band office of the Abénakis de Wôlinak (band 71), made here for the test. */
const BAND_OFFICE = [
  'id,name,name_fr,address,city,province,postal_code,lat,lon,categories',
  'W-1,Wôlinak band office,Bureau du conseil des Abénakis de Wôlinak,10120 rue Kolipaïo,Wôlinak,QC,G0X 1B0,46.3214,-72.4396,',
].join('\n');

describe.each(MODES)('Indigenous governments as jurisdictions on %s', (mode) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(mode);
  });
  afterAll(() => t?.cleanup());

  it('every First Nation of the band list, the Inuit regional governments and Métis governments exist out of the box', async () => {
    const j = await t.db.query<{
      id: string;
      name_en: string;
      name_fr: string;
      province: string;
      time_zone: string | null;
    }>("SELECT id, name_en, name_fr, province, time_zone FROM jurisdictions WHERE level = 'indigenous' ORDER BY id");
    const byId = new Map(j.rows.map((r) => [r.id, r]));
    const nations = readReferenceData().firstNations;
    expect(nations).toHaveLength(637);
    for (const n of nations) {
      expect(byId.get(`ca-fn-${n.band_number}`), `band ${n.band_number}`).toMatchObject({
        name_en: n.name,
        name_fr: n.name,
        province: n.province,
      });
    }
    expect(byId.get('ca-inuit-nunatsiavut')).toMatchObject({
      name_en: 'Nunatsiavut Government',
      name_fr: 'Gouvernement du Nunatsiavut',
      province: 'NL',
    });
    expect(byId.get('ca-metis-ontario')).toMatchObject({
      name_en: 'Métis Nation of Ontario',
      name_fr: "Nation métisse de l'Ontario",
    });
    for (const id of [
      'ca-inuit-inuvialuit',
      'ca-inuit-nunavut',
      'ca-inuit-nunavik',
      'ca-metis-saskatchewan',
      'ca-metis-alberta',
      'ca-metis-manitoba',
      'ca-metis-bc',
    ]) {
      expect(byId.has(id), id).toBe(true);
    }
    expect(j.rows).toHaveLength(637 + 9);
    expect(j.rows.every((r) => r.time_zone)).toBe(true);
  });

  it('a First Nation’s steward gets a key with `npm run keys -- create --jurisdiction fn-71`, publishes, and a citizen sees the point as Indigenous with the First Nation’s name', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent' };
    let dataDir: string | null = null;
    if (mode === 'pglite') {
      // PGlite is one process: the command gets its own copy of a migrated database, which the API then serves.
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'finder-fn-keys-'));
      fs.cpSync(inject('pgliteTemplate'), dataDir, { recursive: true });
      delete env['DATABASE_URL'];
      env['DATA_DIR'] = dataDir;
    } else {
      env['DATABASE_URL'] = t.url ?? '';
    }
    let db: Database | null = null;
    try {
      const out = await run(
        'npx',
        ['tsx', 'scripts/keys.ts', 'create', '--jurisdiction', 'fn-71', '--label', 'band office'],
        { env },
      );
      // The operator sees which First Nation the band number resolved to.
      expect(out.stdout).toContain('ca-fn-71');
      expect(out.stdout).toContain('Premiere Nation des Abenakis de Wôlinak');
      const key = out.stdout.trim().split('\n').pop() ?? '';
      expect(key).toMatch(/^spf_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
      const unknown = run('npx', ['tsx', 'scripts/keys.ts', 'create', '--jurisdiction', 'fn-99999'], { env });
      await expect(unknown).rejects.toThrow(/No jurisdiction "ca-fn-99999"/);

      db = dataDir ? await createPgliteDatabase(dataDir) : t.db;
      const app = testApp(db);
      const auth = { Authorization: `Bearer ${key}` };
      // A key acts for its own government only.
      await request(app).post('/api/feeds').set(auth).send({ jurisdiction_id: 'ca-qc', name: 'Not ours' }).expect(403);
      const feed = await request(app)
        .post('/api/feeds')
        .set(auth)
        .send({ jurisdiction_id: 'ca-fn-71', name: 'Band office', name_fr: 'Bureau du conseil' })
        .expect(201);
      expect(feed.body).toMatchObject({ jurisdiction_id: 'ca-fn-71' });
      const staged = await request(app)
        .post(`/api/feeds/${feed.body.id}/versions`)
        .set(auth)
        .attach('file', Buffer.from(BAND_OFFICE), 'bureau.csv')
        .expect(201);
      expect(staged.body.counts).toMatchObject({ rows: 1, accepted: 1 });
      await request(app)
        .post(`/api/feeds/${feed.body.id}/versions/${staged.body.version_id}/publish`)
        .set(auth)
        .expect(200);

      const en = await request(app)
        .get('/api/service-points/nearest?lon=-72.44&lat=46.32&level=indigenous&limit=5')
        .expect(200);
      expect(en.body.results).toHaveLength(1);
      expect(en.body.results[0]).toMatchObject({
        name: 'Wôlinak band office',
        level: 'indigenous',
        jurisdiction_id: 'ca-fn-71',
        jurisdiction_name: 'Premiere Nation des Abenakis de Wôlinak',
        geocode_quality: 'source',
      });
      const fr = await request(app)
        .get('/api/service-points/nearest?lon=-72.44&lat=46.32&level=indigenous&limit=5&lang=fr')
        .expect(200);
      expect(fr.body.results[0]).toMatchObject({
        name: 'Bureau du conseil des Abénakis de Wôlinak',
        level: 'indigenous',
        jurisdiction_name: 'Premiere Nation des Abenakis de Wôlinak',
      });
      // Other orders of government do not list it.
      const federal = await request(app)
        .get('/api/service-points/nearest?lon=-72.44&lat=46.32&level=federal&limit=5')
        .expect(200);
      expect(federal.body.results).toEqual([]);
    } finally {
      if (dataDir) {
        await db?.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    }
  }, 180_000);
});
