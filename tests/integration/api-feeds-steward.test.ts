import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../server/auth/api-keys.js';
import { testApp } from '../support/test-app.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * A municipal-style file whose headers no synonym recognises: without a mapping
 * nothing in it has a name or a place; with the steward's mapping every row does.
 */
const ODD_HEADERS = [
  'Ref,Site label,Northing,Easting,Prov,Floor',
  'R1,Fredericton Service Centre,45.9620,-66.6410,NB,Ground floor',
  'R2,Moncton Service Centre,46.0890,-64.7800,NB,',
  'R3,Saint John Service Centre,45.2733,-66.0633,NB,Second floor',
].join('\n');
const ODD_MAPPING = { id: 'Ref', name: 'Site label', lat: 'Northing', lon: 'Easting', province: 'Prov' };

/** Version 1 of a feed: three centres. */
const V1 = [
  'id,name,city,province,lat,lon,categories',
  'A,Fredericton Service Centre,Fredericton,NB,45.9620,-66.6410,health_card',
  'B,Moncton Service Centre,Moncton,NB,46.0890,-64.7800,health_card',
  'C,Oromocto Service Centre,Oromocto,NB,45.8490,-66.4790,health_card',
].join('\n');
/** Version 2, worked by hand against V1: A renamed and moved, B the same, C gone, D new. */
const V2 = [
  'id,name,city,province,lat,lon,categories',
  'A,Fredericton North Service Centre,Fredericton,NB,45.9750,-66.6500,health_card',
  'B,Moncton Service Centre,Moncton,NB,46.0890,-64.7800,health_card',
  'D,Sussex Service Centre,Sussex,NB,45.7230,-65.5080,health_card',
].join('\n');
/** Version 3: only D, renamed again (for the republish test). */
const V3 = ['id,name,city,province,lat,lon,categories', 'D,Sussex Centre,Sussex,NB,45.7230,-65.5080,health_card'].join(
  '\n',
);

describe.each(MODES)('a steward’s settings, republishing and version differences on %s', (mode) => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  let nbKey: string;
  let onKey: string;
  let feeds = 0;
  const freshFeed = async (): Promise<string> => {
    feeds += 1;
    const res = await request(app)
      .post('/api/feeds')
      .set('Authorization', `Bearer ${nbKey}`)
      .send({ name_en: `Steward centres ${feeds}`, name_fr: `Centres du responsable ${feeds}` })
      .expect(201);
    expect(res.body.id).toMatch(/^ca-nb-/);
    return res.body.id as string;
  };
  const upload = (id: string, content: string, name = 'centres.csv') =>
    request(app)
      .post(`/api/feeds/${id}/versions`)
      .set('Authorization', `Bearer ${nbKey}`)
      .attach('file', Buffer.from(content), name);
  const stage = async (id: string, content: string) => {
    const res = await upload(id, content).expect(201);
    return res.body.version_id as number;
  };
  const publish = (id: string, vid: number, key = nbKey) =>
    request(app).post(`/api/feeds/${id}/versions/${vid}/publish`).set('Authorization', `Bearer ${key}`);
  const patch = (id: string, body: object, key = nbKey, lang = 'en') =>
    request(app).patch(`/api/feeds/${id}?lang=${lang}`).set('Authorization', `Bearer ${key}`).send(body);
  const statuses = async (id: string) =>
    (await request(app).get(`/api/feeds/${id}/versions`).expect(200)).body.results.map(
      (v: { version_id: number; status: string }) => [v.version_id, v.status],
    );
  const publishedNames = async (id: string) =>
    (
      await t.db.query<{ name_en: string }>(
        'SELECT name_en FROM service_points WHERE feed_id = $1 AND is_published ORDER BY name_en',
        [id],
      )
    ).rows.map((r) => r.name_en);

  beforeAll(async () => {
    t = await openTestDatabase(mode);
    nbKey = (await createApiKey(t.db, 'ca-nb', 'test')).key;
    onKey = (await createApiKey(t.db, 'ca-on', 'test')).key;
    app = testApp(t.db, undefined, undefined, { WRITE_RATE_LIMIT_PER_MIN: 0 });
  });
  afterAll(() => t?.cleanup());

  it('sets the licence, attribution, source URL and mapping, which later uploads use', async () => {
    const id = await freshFeed();
    // Before the mapping: no row of the file has a name the loader can find.
    const before = await upload(id, ODD_HEADERS).expect(200);
    expect(before.body).toMatchObject({ status: 'failed', counts: { rows: 3, accepted: 0 } });

    const res = await patch(id, {
      licence: 'Open Government Licence - New Brunswick',
      attribution_en: 'Contains information licensed under the OGL-NB.',
      attribution_fr: 'Contient des informations sous licence OGL-NB.',
      source_url: 'https://gnb.example.ca/open-data/centres.csv',
      mapping: ODD_MAPPING,
    }).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const expected = {
      id,
      jurisdiction_id: 'ca-nb',
      licence: 'Open Government Licence - New Brunswick',
      attribution_en: 'Contains information licensed under the OGL-NB.',
      attribution_fr: 'Contient des informations sous licence OGL-NB.',
      source_url: 'https://gnb.example.ca/open-data/centres.csv',
      mapping: ODD_MAPPING,
    };
    expect(res.body).toMatchObject(expected);
    expect((await request(app).get(`/api/feeds/${id}/settings`).expect(200)).body).toMatchObject(expected);
    const fr = await request(app).get(`/api/feeds/${id}?lang=fr`).expect(200);
    expect(fr.body).toMatchObject({ licence: expected.licence, attribution: expected.attribution_fr });

    // The next upload, with no mapping of its own, is read with the stored one.
    const after = await upload(id, ODD_HEADERS).expect(201);
    expect(after.body).toMatchObject({ status: 'staged', counts: { rows: 3, accepted: 3, rejected: 0 } });
    const points = await t.db.query<{ source_id: string; name_en: string; lat: number; extra: object }>(
      'SELECT source_id, name_en, lat, extra FROM service_points WHERE feed_version_id = $1 ORDER BY source_id',
      [after.body.version_id],
    );
    expect(points.rows[0]).toMatchObject({
      source_id: 'R1',
      name_en: 'Fredericton Service Centre',
      lat: 45.962,
      extra: { Floor: 'Ground floor' },
    });

    // A field left out keeps its value; null and "" clear one.
    const partial = await patch(id, { licence: null, source_url: '' }).expect(200);
    expect(partial.body).toMatchObject({
      licence: null,
      source_url: null,
      attribution_en: expected.attribution_en,
      mapping: ODD_MAPPING,
    });
    expect((await patch(id, { mapping: null }).expect(200)).body.mapping).toEqual({});
  });

  it('refuses a private, local or credentialled source URL, naming the field in both languages, and changes nothing', async () => {
    const id = await freshFeed();
    await patch(id, { licence: 'OGL-NB', source_url: 'https://gnb.example.ca/centres.csv' }).expect(200);
    const hostile = [
      'http://127.0.0.1/centres.csv',
      'http://localhost:5432/',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::ffff:127.0.0.1]/x.csv',
      'http://0x7f.1/x.csv',
      'http://10.0.0.8/internal.csv',
      'https://steward:secret@gnb.example.ca/centres.csv',
      'ftp://gnb.example.ca/centres.csv',
      'file:///etc/passwd',
      'not a url',
    ];
    for (const url of hostile) {
      const res = await patch(id, { licence: 'Changed', source_url: url }).expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['source_url']);
      expect(res.body.errors[0].message_fr).toBeTruthy();
    }
    const fr = await patch(id, { source_url: 'http://127.0.0.1/' }, nbKey, 'fr').expect(400);
    expect(fr.body.title).toBe('Requête invalide');
    expect(fr.body.errors[0].message_fr).toMatch(/réseau privé ou local/);
    // Nothing of any refused request was written, not even the licence beside the bad URL.
    const settings = await request(app).get(`/api/feeds/${id}/settings`).expect(200);
    expect(settings.body).toMatchObject({ licence: 'OGL-NB', source_url: 'https://gnb.example.ca/centres.csv' });
  });

  it('checks every setting and refuses another jurisdiction’s key or none', async () => {
    const id = await freshFeed();
    const bad = await patch(id, {
      mapping: { nom_du_site: 'Site', name: '' },
      licence: 'x'.repeat(301),
    }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'licence',
      'mapping.name',
      'mapping.nom_du_site',
    ]);
    const unknownField = bad.body.errors.find((e: { field: string }) => e.field === 'mapping.nom_du_site');
    expect(unknownField.message_en).toMatch(/not one of the fields/);
    expect(unknownField.message_fr).toMatch(/n’est pas l’un des champs/);
    const empty = await patch(id, {}).expect(400);
    expect(empty.body.errors[0].message_en).toMatch(/at least one of/);

    const other = await patch(id, { licence: 'Ontario says so' }, onKey).expect(403);
    expect(other.body.detail).toMatch(/another jurisdiction/);
    await request(app).patch(`/api/feeds/${id}`).send({ licence: 'Anyone' }).expect(401);
    await patch('ca-nb-no-such-feed', { licence: 'x' }).expect(404);
    const settings = await request(app).get(`/api/feeds/${id}/settings`).expect(200);
    expect(settings.body.licence).toBeNull();
    // Another jurisdiction's key cannot preview with this feed either.
    await request(app)
      .post(`/api/feeds/${id}/mapping-preview`)
      .set('Authorization', `Bearer ${onKey}`)
      .attach('file', Buffer.from(ODD_HEADERS), 'centres.csv')
      .expect(403);
  });

  it('previews the first rows of a file as a mapping reads them, flagging unmapped columns and unknown entries', async () => {
    const id = await freshFeed();
    await patch(id, { mapping: ODD_MAPPING }).expect(200);
    const stored = await request(app)
      .post(`/api/feeds/${id}/mapping-preview`)
      .set('Authorization', `Bearer ${nbKey}`)
      .attach('file', Buffer.from(ODD_HEADERS), 'centres.csv')
      .expect(200);
    expect(stored.body).toMatchObject({ format: 'csv', mapping: ODD_MAPPING, unmapped: ['Floor'], unknown: [] });
    expect(stored.body.rows).toHaveLength(3);
    expect(stored.body.rows[0]).toEqual({
      row: 1,
      values: { id: 'R1', name: 'Fredericton Service Centre', lat: '45.9620', lon: '-66.6410', province: 'NB' },
      extra: { Floor: 'Ground floor' },
    });
    const byField = Object.fromEntries(
      stored.body.fields.map((f: { field: string; column: string | null; by: string | null }) => [f.field, f]),
    );
    expect(byField['name']).toEqual({ field: 'name', column: 'Site label', by: 'mapping' });
    expect(byField['phone']).toEqual({ field: 'phone', column: null, by: null });

    // A mapping tried before saving: one entry names a column the file lacks, the rest are guessed.
    const tried = await request(app)
      .post(`/api/feeds/${id}/mapping-preview?lang=fr`)
      .set('Authorization', `Bearer ${nbKey}`)
      .field('mapping', JSON.stringify({ name: 'Site label', phone: 'Téléphone' }))
      .attach('file', Buffer.from(ODD_HEADERS), 'centres.csv')
      .expect(200);
    expect(tried.body.unknown).toEqual([{ field: 'phone', column: 'Téléphone' }]);
    expect(tried.body.unmapped).toEqual(['Ref', 'Northing', 'Easting', 'Floor']);
    expect(tried.body.rows[0].values).toEqual({ name: 'Fredericton Service Centre', province: 'NB' });
    // The stored mapping did not change.
    expect((await request(app).get(`/api/feeds/${id}/settings`).expect(200)).body.mapping).toEqual(ODD_MAPPING);

    // Only the first five rows are read.
    const many = ['id,name', ...Array.from({ length: 40 }, (_, i) => `n${i},Centre ${i}`)].join('\n');
    const five = await request(app)
      .post(`/api/feeds/${id}/mapping-preview`)
      .set('Authorization', `Bearer ${nbKey}`)
      .field('mapping', '{}')
      .attach('file', Buffer.from(many), 'many.csv')
      .expect(200);
    expect(five.body.rows.map((r: { row: number }) => r.row)).toEqual([1, 2, 3, 4, 5]);

    const badJson = await request(app)
      .post(`/api/feeds/${id}/mapping-preview`)
      .set('Authorization', `Bearer ${nbKey}`)
      .field('mapping', '{nope')
      .attach('file', Buffer.from(ODD_HEADERS), 'centres.csv')
      .expect(400);
    expect(badJson.body.errors[0].field).toBe('mapping');
    // A preview from a URL obeys the same rules as an upload from one.
    const local = await request(app)
      .post(`/api/feeds/${id}/mapping-preview`)
      .set('Authorization', `Bearer ${nbKey}`)
      .send({ source_url: 'http://127.0.0.1:5432/centres.csv' })
      .expect(400);
    expect(local.body.errors[0].field).toBe('source_url');
  });

  it('republishes any earlier version atomically, and a failure in the middle changes nothing', async () => {
    const id = await freshFeed();
    const v1 = await stage(id, V1);
    const v2 = await stage(id, V2);
    const v3 = await stage(id, V3);
    for (const v of [v1, v2, v3]) await publish(id, v).expect(200);
    expect(await publishedNames(id)).toEqual(['Sussex Centre']);

    // Two versions back, past the one a rollback would pick.
    const again = await publish(id, v1).expect(200);
    expect(again.body).toMatchObject({ version_id: v1, status: 'published', previous_version_id: v3 });
    expect(await publishedNames(id)).toEqual([
      'Fredericton Service Centre',
      'Moncton Service Centre',
      'Oromocto Service Centre',
    ]);
    expect(await statuses(id)).toEqual([
      [v3, 'superseded'],
      [v2, 'superseded'],
      [v1, 'published'],
    ]);
    await publish(id, v2, onKey).expect(403);

    // A publish that fails after the old version was already taken down is undone whole.
    await t.db.exec(`
      CREATE FUNCTION test_refuse_publish() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status = 'published' AND NEW.id = ${Number(v2)} THEN RAISE EXCEPTION 'disk full'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER test_refuse_publish BEFORE UPDATE ON feed_versions
        FOR EACH ROW EXECUTE FUNCTION test_refuse_publish();`);
    try {
      const failed = await publish(id, v2).expect(500);
      expect(failed.headers['content-type']).toContain('application/problem+json');
    } finally {
      await t.db.exec('DROP TRIGGER test_refuse_publish ON feed_versions; DROP FUNCTION test_refuse_publish();');
    }
    expect(await statuses(id)).toEqual([
      [v3, 'superseded'],
      [v2, 'superseded'],
      [v1, 'published'],
    ]);
    expect(await publishedNames(id)).toEqual([
      'Fredericton Service Centre',
      'Moncton Service Centre',
      'Oromocto Service Centre',
    ]);
    await publish(id, v2).expect(200);
    expect(await publishedNames(id)).toEqual([
      'Fredericton North Service Centre',
      'Moncton Service Centre',
      'Sussex Service Centre',
    ]);
  });

  it('lists the points added, removed and changed between two versions, by the feed’s own ids', async () => {
    const id = await freshFeed();
    const v1 = await stage(id, V1);
    await publish(id, v1).expect(200);
    const v2 = await stage(id, V2);
    await publish(id, v2).expect(200);

    const res = await request(app).get(`/api/feeds/${id}/versions/${v1}/diff/${v2}`).expect(200);
    expect(res.body).toMatchObject({
      feed_id: id,
      from: { version_id: v1, status: 'superseded' },
      to: { version_id: v2, status: 'published' },
      totals: { added: 1, removed: 1, changed: 1, unchanged: 1 },
      next_offset: null,
    });
    const [added, removed, changed] = res.body.results;
    expect(res.body.results).toHaveLength(3);
    expect(added).toMatchObject({ point_id: 'D', change: 'added', name: 'Sussex Service Centre' });
    expect(added.fields).toEqual(
      expect.arrayContaining([
        { field: 'name_en', old: null, new: 'Sussex Service Centre' },
        { field: 'lat', old: null, new: 45.723 },
      ]),
    );
    expect(removed).toMatchObject({ point_id: 'C', change: 'removed', name: 'Oromocto Service Centre' });
    expect(removed.fields).toEqual(expect.arrayContaining([{ field: 'city', old: 'Oromocto', new: null }]));
    expect(changed).toEqual({
      point_id: 'A',
      id: expect.any(String),
      change: 'changed',
      name: 'Fredericton North Service Centre',
      fields: [
        { field: 'lat', old: 45.962, new: 45.975 },
        { field: 'lon', old: -66.641, new: -66.65 },
        { field: 'name_en', old: 'Fredericton Service Centre', new: 'Fredericton North Service Centre' },
      ],
    });
    // The other way round, added and removed swap.
    const back = await request(app).get(`/api/feeds/${id}/versions/${v2}/diff/${v1}`).expect(200);
    expect(back.body.totals).toEqual({ added: 1, removed: 1, changed: 1, unchanged: 1 });
    expect(back.body.results.map((r: { point_id: string; change: string }) => `${r.change}:${r.point_id}`)).toEqual([
      'added:C',
      'removed:D',
      'changed:A',
    ]);
    // A page at a time; the totals are the whole difference's.
    const page = await request(app).get(`/api/feeds/${id}/versions/${v1}/diff/${v2}?limit=2&offset=1`).expect(200);
    expect(page.body.results.map((r: { point_id: string }) => r.point_id)).toEqual(['C', 'A']);
    expect(page.body).toMatchObject({ limit: 2, offset: 1, next_offset: null, totals: { changed: 1 } });
    const first = await request(app).get(`/api/feeds/${id}/versions/${v1}/diff/${v2}?limit=1`).expect(200);
    expect(first.body.next_offset).toBe(1);
    const beyond = await request(app).get(`/api/feeds/${id}/versions/${v1}/diff/${v2}?offset=50`).expect(200);
    expect(beyond.body).toMatchObject({ results: [], totals: { added: 1, removed: 1, changed: 1 } });
    const same = await request(app).get(`/api/feeds/${id}/versions/${v2}/diff/${v2}`).expect(200);
    expect(same.body).toMatchObject({ results: [], totals: { added: 0, removed: 0, changed: 0, unchanged: 3 } });

    // Hostile or wrong parameters.
    await request(app).get(`/api/feeds/${id}/versions/${v1}/diff/abc`).expect(400);
    await request(app).get(`/api/feeds/${id}/versions/${v1}/diff/${v2}?limit=0`).expect(400);
    await request(app).get(`/api/feeds/${id}/versions/${v1}/diff/99999999`).expect(404);
    const otherFeed = await freshFeed();
    const foreign = await stage(otherFeed, V3);
    await publish(otherFeed, foreign).expect(200);
    const notHers = await request(app).get(`/api/feeds/${id}/versions/${v1}/diff/${foreign}?lang=fr`).expect(404);
    expect(notHers.body.detail).toMatch(/aucune version/);
  });

  it('shows a difference with a version not published only to the feed’s own key', async () => {
    const id = await freshFeed();
    const v1 = await stage(id, V1);
    await publish(id, v1).expect(200);
    const staged = await stage(id, V3);
    const path = `/api/feeds/${id}/versions/${v1}/diff/${staged}`;
    await request(app).get(path).expect(404);
    await request(app).get(path).set('Authorization', `Bearer ${onKey}`).expect(404);
    await request(app).get(path).set('Authorization', `Bearer ${nbKey}x`).expect(401);
    const own = await request(app).get(path).set('Authorization', `Bearer ${nbKey}`).expect(200);
    expect(own.headers['cache-control']).toBe('private, no-store');
    expect(own.body.totals).toEqual({ added: 1, removed: 3, changed: 0, unchanged: 0 });
  });
});
