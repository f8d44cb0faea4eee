import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toJSONSchema, type z } from 'zod';
import { problem } from '../../contract/common.js';
import {
  colocationList,
  coverage,
  coverageBreakdown,
  coverageMatrix,
  gapList,
  singleOrderList,
  suggestionList,
} from '../../contract/analysis.js';
import {
  availabilityReport,
  channelList,
  performanceReceipt,
  responsibilityList,
  responsibilityUpdate,
  standardsReport,
  standardUpdate,
  whoHandlesAnswer,
  wrongDoorAnswer,
} from '../../contract/channels.js';
import { categoryList, lifeEvent, lifeEventList, lifeEventNearestPage } from '../../contract/categories.js';
import {
  feed,
  feedList,
  feedVersion,
  feedVersionList,
  keyIdentity,
  pointReportList,
  pointReportUpdate,
  publishResult,
  rollbackResult,
  uploadResult,
} from '../../contract/feeds.js';
import { hsdsExport, hsdsService, hsdsServicesPage } from '../../contract/hsds.js';
import { layerFeaturesPage, layerList } from '../../contract/layers.js';
import { appConfig, dataStatus, liveness, placeList, readiness } from '../../contract/platform.js';
import {
  bboxPage,
  channel,
  jurisdictionPage,
  nearestPage,
  reportReceipt,
  servicePointDetail,
} from '../../contract/service-points.js';
import { importFeedFile } from '../../data-loaders/lib/import-feed.js';
import { createApiKey } from '../../server/auth/api-keys.js';
import {
  insertUnits,
  LON,
  publishFixtureFeeds,
  PROV_POINTS_V2,
  unitsMayBeUnlocated,
} from '../fixtures/analysis-fixture.js';
import { testApp } from '../support/test-app.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * The schemas of contract/ describe what the server really sends: each main
 * endpoint is called over real HTTP on a real database and its answer parsed
 * with its schema. The schemas are strict, so a field the server adds and the
 * contract lacks fails here as surely as one the contract promises and the
 * server forgets; the client's types are inferred from the same schemas.
 */
describe.each(MODES)('the API contract matches the answers on %s', (mode) => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  let key: string;

  /** Parses a JSON answer with its schema; the failure names the path and each field that does not fit. */
  async function expectShape(schema: z.ZodType, path: string, status = 200, auth = false): Promise<unknown> {
    const req = request(app).get(path);
    if (auth) req.set('Authorization', `Bearer ${key}`);
    const res = await req;
    expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(status);
    return parsed(schema, path, res.body);
  }
  function parsed(schema: z.ZodType, what: string, body: unknown): unknown {
    const r = schema.safeParse(body);
    expect(r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`), what).toEqual([]);
    return body;
  }

  beforeAll(async () => {
    t = await openTestDatabase(mode);
    await insertUnits(t.db, await unitsMayBeUnlocated(t.db));
    await publishFixtureFeeds(t.db, PROV_POINTS_V2);
    await t.db.query(
      `INSERT INTO places (kind, name, province, lon, lat, source, source_key) VALUES ('community', 'Contractville', 'NB', $1, 45.3, 'test', 'contractville')`,
      [LON],
    );
    key = (await createApiKey(t.db, 'ca-nb', 'contract test')).key;
    app = testApp(t.db);
  });
  afterAll(() => t?.cleanup());

  it('service points: nearest, by box, by jurisdiction, by id, and a citizen’s report', async () => {
    const near = (await expectShape(
      nearestPage,
      `/api/service-points/nearest?lon=${LON}&lat=45.2&limit=10`,
    )) as z.infer<typeof nearestPage>;
    // The fixture has points with and without hours, located and not: both kinds of each field are parsed.
    expect(near.results.length).toBeGreaterThanOrEqual(3);
    expect(near.results.some((p) => p.hours_week !== null)).toBe(true);
    await expectShape(bboxPage, `/api/service-points?bbox=${LON - 1},44,${LON + 1},47`);
    const all = (await expectShape(jurisdictionPage, '/api/service-points?jurisdiction=ca')) as z.infer<
      typeof jurisdictionPage
    >;
    expect(all.results.some((p) => p.lon === null)).toBe(true);
    for (const p of all.results) await expectShape(servicePointDetail, `/api/service-points/${p.id}`);
    await expectShape(servicePointDetail, `/api/service-points/${near.results[0]!.id}?lang=fr`);
    const report = await request(app)
      .post(`/api/service-points/${near.results[0]!.id}/reports`)
      .send({ message: 'The hours on the door differ.' })
      .expect(202);
    parsed(reportReceipt, 'report receipt', report.body);
  });

  it('the OpenAPI document describes each answer with the same schema', async () => {
    const doc = (await request(app).get('/api/openapi.json').expect(200)).body as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>
      >;
    };
    const body = (path: string, method: string, status: string) =>
      doc.paths[path]?.[method]?.responses[status]?.content?.['application/json']?.schema;
    const expected = (schema: z.ZodType) => {
      const js = toJSONSchema(schema, { io: 'output', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<
        string,
        unknown
      >;
      delete js['$schema'];
      return js;
    };
    expect(body('/api/service-points/nearest', 'get', '200')).toEqual(expected(nearestPage));
    expect(body('/api/feeds/{id}/versions', 'post', '201')).toEqual(expected(uploadResult));
    expect(body('/api/service-points/{id}/reports', 'post', '202')).toEqual(expected(reportReceipt));
    expect(body('/api/layers', 'get', '200')).toEqual(expected(layerList));
    expect(body('/api/health', 'get', '200')).toEqual(expected(liveness));
    expect(body('/api/ready', 'get', '200')).toEqual(expected(readiness));
    expect(body('/api/channels', 'get', '200')).toEqual(expected(channelList));
    expect(body('/api/channels/{id}', 'get', '200')).toEqual(expected(channel));
    expect(body('/api/who-handles', 'get', '200')).toEqual(expected(whoHandlesAnswer));
    expect(body('/api/wrong-door', 'get', '200')).toEqual(expected(wrongDoorAnswer));
    expect(body('/api/responsibilities', 'get', '200')).toEqual(expected(responsibilityList));
    expect(body('/api/responsibilities/{province}/{category}', 'put', '200')).toEqual(expected(responsibilityUpdate));
    expect(body('/api/channels/{id}/performance', 'post', '201')).toEqual(expected(performanceReceipt));
    expect(body('/api/service-points/{id}/performance', 'post', '201')).toEqual(expected(performanceReceipt));
    expect(body('/api/channels/{id}/standard', 'put', '200')).toEqual(expected(standardUpdate));
    expect(body('/api/service-points/{id}/standard', 'put', '200')).toEqual(expected(standardUpdate));
    expect(body('/api/channels/availability', 'get', '200')).toEqual(expected(availabilityReport));
    expect(body('/api/channels/standards-report', 'get', '200')).toEqual(expected(standardsReport));
    expect(body('/hsds/services', 'get', '200')).toEqual(expected(hsdsServicesPage));
    expect(body('/hsds/services/{id}', 'get', '200')).toEqual(expected(hsdsService));
    expect(body('/hsds/export', 'get', '200')).toEqual(expected(hsdsExport));
    expect((doc as unknown as { components: { schemas: { Problem: unknown } } }).components.schemas.Problem).toEqual(
      expected(problem),
    );
    // Strict schemas: the document says no other field comes.
    expect((body('/api/coverage', 'get', '200') as { additionalProperties?: unknown }).additionalProperties).toBe(
      false,
    );
  });

  it('platform and citizens’ lists: status, config, places, categories, life events', async () => {
    await expectShape(liveness, '/api/health');
    await expectShape(readiness, '/api/ready');
    await expectShape(dataStatus, '/api/status');
    await expectShape(appConfig, '/api/config');
    const places = (await expectShape(placeList, '/api/places/search?q=Contractvil')) as z.infer<typeof placeList>;
    expect(places.results.length).toBeGreaterThan(0);
    await expectShape(categoryList, '/api/categories?lang=fr');
    const events = (await expectShape(lifeEventList, '/api/life-events')) as z.infer<typeof lifeEventList>;
    const code = events.results[0]!.code;
    await expectShape(lifeEvent, `/api/life-events/${code}`);
    for (const e of events.results)
      await expectShape(lifeEventNearestPage, `/api/life-events/${e.code}/nearest?lon=${LON}&lat=45.2`);
  });

  it('channels: the list, one channel, who handles this, the wrong door, responsibilities, standards and figures, reports, HSDS', async () => {
    // A New Brunswick feed whose rows carry an online service, a call centre and a standard (fictitious 555 numbers).
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'contract-channels-'));
    try {
      const file = path.join(tmp, 'nb.csv');
      fs.writeFileSync(
        file,
        [
          'id,name,name_fr,address,city,province,postal_code,lat,lon,categories,languages,online_url,online_url_fr,call_centre_phone,call_centre_tty,call_centre_hours,call_centre_languages,service_standard_en,service_standard_fr',
          'NB1,Fredericton card centre (contract),Centre de Fredericton (contrat),1 Test St,Fredericton,NB,E3B 1A1,45.95,-66.65,health_card,en;fr,https://health.example.org/nb/card,https://sante.example.org/nb/carte,506-555-0199,506-555-0198,Mon-Fri 8:00-17:00,English; French,Cards issued the same day.,Cartes délivrées le jour même.',
        ].join('\n'),
      );
      const imported = await importFeedFile(
        t.db,
        {
          id: 'contract-nb-cards',
          jurisdiction_id: 'ca-nb',
          name_en: 'Contract NB cards',
          name_fr: 'Cartes NB (contrat)',
          format: 'csv',
          licence: 'Test licence',
        },
        file,
        { originalName: 'nb.csv', publish: true },
      );
      expect(imported.status).toBe('published');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    const federal = (await createApiKey(t.db, 'ca', 'contract test (federal)')).key;
    const fredericton = 'lon=-66.6431&lat=45.9636';

    const list = (await expectShape(channelList, '/api/channels?limit=1000')) as z.infer<typeof channelList>;
    expect(list.results.some((c) => c.kind === 'online')).toBe(true);
    expect(list.results.some((c) => c.kind === 'phone')).toBe(true);
    const nbChannel = list.results.find((c) => c.jurisdiction_id === 'ca-nb');
    expect(nbChannel).toBeDefined();
    await expectShape(channel, `/api/channels/${nbChannel!.id}?lang=fr`);

    // Figures and standards: a fresh wait and a share of the standard met, on a federal line and a point.
    const now = new Date(Date.now() - 60_000).toISOString();
    const wait = await request(app)
      .post('/api/channels/ca-ei-phone/performance')
      .set('Authorization', `Bearer ${federal}`)
      .send({ measured_at: now, wait_minutes: 12 })
      .expect(201);
    parsed(performanceReceipt, 'channel performance', wait.body);
    const share = await request(app)
      .post('/api/channels/ca-ei-phone/performance')
      .set('Authorization', `Bearer ${federal}`)
      .send({ measured_at: now, standard_met_pct: 80, period_start: '2026-01-01', period_end: '2026-01-31' })
      .expect(201);
    parsed(performanceReceipt, 'channel share met', share.body);
    const std = await request(app)
      .put('/api/channels/ca-ei-phone/standard')
      .set('Authorization', `Bearer ${federal}`)
      .send({ text_en: 'Answered within 10 minutes.', text_fr: 'Réponse en 10 minutes.', target_minutes: 10 })
      .expect(200);
    parsed(standardUpdate, 'channel standard', std.body);
    const nbPoint = (await request(app).get('/api/service-points?jurisdiction=ca-nb').expect(200)).body.results[0];
    const pointWait = await request(app)
      .post(`/api/service-points/${nbPoint.id}/performance`)
      .set('Authorization', `Bearer ${key}`)
      .send({ measured_at: now, wait_minutes: 25 })
      .expect(201);
    parsed(performanceReceipt, 'point performance', pointWait.body);
    const pointStd = await request(app)
      .put(`/api/service-points/${nbPoint.id}/standard?lang=fr`)
      .set('Authorization', `Bearer ${key}`)
      .send({ text_en: 'Served within 30 minutes.', text_fr: 'Servi en 30 minutes.', target_pct: 90 })
      .expect(200);
    parsed(standardUpdate, 'point standard', pointStd.body);
    await expectShape(channel, '/api/channels/ca-ei-phone');

    // Who handles this: by category with a location (points, lines, sites), by life event, in French, by channel.
    const who = (await expectShape(
      whoHandlesAnswer,
      `/api/who-handles?category=health_card&${fredericton}`,
    )) as z.infer<typeof whoHandlesAnswer>;
    const nb = who.results[0]!.handlers[0]!;
    expect(nb.in_person.length).toBeGreaterThan(0);
    expect(nb.online.length + nb.phone.length).toBeGreaterThan(0);
    await expectShape(whoHandlesAnswer, `/api/who-handles?category=pensions,health_card&${fredericton}&channel=phone`);
    await expectShape(whoHandlesAnswer, '/api/who-handles?category=health_card&province=nb&lang=fr');
    const events = (await request(app).get('/api/life-events').expect(200)).body.results as { code: string }[];
    await expectShape(whoHandlesAnswer, `/api/who-handles?life_event=${events[0]!.code}&${fredericton}&points=1`);
    // The wrong door: the right government, a partly right one and the wrong one, by level and by id.
    for (const thought of ['provincial', 'federal', 'municipal', 'ca', 'ca-nb'])
      await expectShape(wrongDoorAnswer, `/api/wrong-door?category=health_card&thought=${thought}&${fredericton}`);
    await expectShape(wrongDoorAnswer, '/api/wrong-door?category=pensions&thought=provincial&province=NB&lang=fr');

    // The responsibilities map, read by anyone and replaced by the province's stewards.
    const map = (await expectShape(responsibilityList, '/api/responsibilities?province=NB')) as z.infer<
      typeof responsibilityList
    >;
    expect(map.results.length).toBeGreaterThan(0);
    await expectShape(responsibilityList, '/api/responsibilities?category=health_card&lang=fr');
    const put = await request(app)
      .put('/api/responsibilities/NB/health_card')
      .set('Authorization', `Bearer ${key}`)
      .send({
        handlers: [
          {
            level: 'provincial',
            note_en: 'Service New Brunswick issues the card.',
            source_url: 'https://www2.gnb.ca/content/gnb/en/services/services_renderer.201088.html',
          },
        ],
      })
      .expect(200);
    parsed(responsibilityUpdate, 'responsibilities replaced', put.body);

    // Analysts' reports.
    const availability = (await expectShape(availabilityReport, '/api/channels/availability?province=NB')) as z.infer<
      typeof availabilityReport
    >;
    expect(availability.results.length).toBeGreaterThan(0);
    await expectShape(availabilityReport, '/api/channels/availability?gaps_only=true&threshold_km=5&lang=fr');
    const standards = (await expectShape(standardsReport, '/api/channels/standards-report')) as z.infer<
      typeof standardsReport
    >;
    expect(standards.results.some((r) => r.performance !== null)).toBe(true);
    expect(standards.results.some((r) => r.meets_standard !== null)).toBe(true);

    // The same points and channels as Open Referral HSDS 3.0 records: a page, a point's and a channel's service, the export.
    const page = (await expectShape(hsdsServicesPage, '/hsds/services?per_page=100')) as z.infer<
      typeof hsdsServicesPage
    >;
    expect(page.contents.length).toBeGreaterThan(0);
    await expectShape(hsdsServicesPage, '/hsds/services?page=2&per_page=2&lang=fr');
    const all = (await expectShape(hsdsExport, '/hsds/export')) as z.infer<typeof hsdsExport>;
    const byPhone = all.services.find((s) => 'channel_id' in s.source && s.source.kind === 'phone');
    const atCounter = all.services.find((s) => 'point_id' in s.source && s.service_at_locations.length > 0);
    expect(byPhone?.phones.length).toBeGreaterThan(0);
    expect(atCounter?.service_at_locations[0]?.location.schedules).toBeDefined();
    for (const s of [byPhone!, atCounter!]) await expectShape(hsdsService, `/hsds/services/${s.id}`);
    await expectShape(hsdsExport, '/hsds/export?feed=contract-nb-cards');

    // Errors: problem+json with the wrong fields named, in both languages.
    const noPlace = (await expectShape(problem, '/api/who-handles?category=health_card', 400)) as z.infer<
      typeof problem
    >;
    expect(noPlace.errors?.map((e) => e.field)).toEqual(['province']);
    await expectShape(problem, '/api/wrong-door?category=no_such_service&thought=federal&province=NB&lang=fr', 404);
    await expectShape(problem, '/api/channels/ca-no-such-line', 404);
    await expectShape(problem, '/hsds/services/not-a-uuid', 400);
    const anonymous = await request(app)
      .put('/api/responsibilities/NB/health_card')
      .send({ handlers: [{ level: 'provincial' }] })
      .expect(401);
    parsed(problem, 'no key', anonymous.body);
  });

  it('analyses: coverage, matrix, breakdowns, gaps, partnerships', async () => {
    await expectShape(coverage, '/api/coverage?group_by=province');
    await expectShape(coverage, '/api/coverage?group_by=none&threshold_km=200');
    await expectShape(coverageMatrix, '/api/coverage/matrix');
    for (const by of ['jurisdiction', 'level', 'category'])
      await expectShape(coverageBreakdown, `/api/coverage/breakdown?by=${by}`);
    const gaps = (await expectShape(gapList, '/api/gaps?limit=5')) as z.infer<typeof gapList>;
    expect(gaps.results.length).toBeGreaterThan(0);
    const pairs = (await expectShape(colocationList, '/api/partnerships/colocation?precision=measured')) as z.infer<
      typeof colocationList
    >;
    expect(pairs.results.length).toBeGreaterThan(0);
    await expectShape(colocationList, '/api/partnerships/colocation?precision=same_community');
    await expectShape(singleOrderList, '/api/partnerships/single-order');
    await expectShape(suggestionList, '/api/partnerships/suggest?k=2');
  });

  it('the atlas: every layer and one page of each layer’s table', async () => {
    const { layers } = (await expectShape(layerList, '/api/layers?threshold_km=50')) as z.infer<typeof layerList>;
    expect(layers.length).toBeGreaterThan(5);
    for (const l of layers) {
      const page = (await expectShape(
        layerFeaturesPage,
        `${l.table}${l.table.includes('?') ? '&' : '?'}format=json&limit=3`,
      )) as z.infer<typeof layerFeaturesPage>;
      for (const row of page.results) expect(Object.keys(row)).toEqual(page.columns);
    }
  });

  it('stewards: feeds, a key, an upload, its version, publish, rollback, the reports inbox', async () => {
    await expectShape(keyIdentity, '/api/keys/me', 200, true);
    const feeds = (await expectShape(feedList, '/api/feeds')) as z.infer<typeof feedList>;
    expect(feeds.results.some((f) => f.published_version !== null)).toBe(true);
    await expectShape(feed, `/api/feeds/${feeds.results[0]!.id}`);
    await expectShape(feedVersionList, '/api/feeds/fixture-nb/versions');

    const auth = { Authorization: `Bearer ${key}` };
    const created = await request(app).post('/api/feeds').set(auth).send({ name_en: 'Contract centres' }).expect(201);
    parsed(feed, 'created feed', created.body);
    const csv = (rows: string[]) => Buffer.from(['id,name,city,province,lat,lon,categories', ...rows].join('\n'));
    // One good row, one without a name (rejected), one with a latitude out of range (kept, warned).
    const up = await request(app)
      .post(`/api/feeds/${created.body.id}/versions`)
      .set(auth)
      .attach(
        'file',
        csv([
          'A,Contract centre,Fredericton,NB,45.96,-66.64,health_card',
          'B,,Fredericton,NB,45.9,-66.6,health_card',
          'C,Far centre,Moncton,NB,95.5,-64.78,health_card',
        ]),
        'centres.csv',
      )
      .expect(201);
    parsed(uploadResult, 'upload', up.body);
    expect(up.body.issues.length).toBeGreaterThan(0);
    await expectShape(feedVersion, `/api/feeds/${created.body.id}/versions/${up.body.version_id}`, 200, true);
    const pub = await request(app)
      .post(`/api/feeds/${created.body.id}/versions/${up.body.version_id}/publish`)
      .set(auth)
      .expect(200);
    parsed(publishResult, 'publish', pub.body);
    const second = await request(app)
      .post(`/api/feeds/${created.body.id}/versions?publish=true`)
      .set(auth)
      .attach('file', csv(['A,Contract centre north,Fredericton,NB,45.97,-66.65,health_card']), 'centres.csv')
      .expect(201);
    parsed(uploadResult, 'upload and publish', second.body);
    const back = await request(app).post(`/api/feeds/${created.body.id}/rollback`).set(auth).expect(200);
    parsed(rollbackResult, 'rollback', back.body);
    // A file that cannot be read at all: a failed upload has the same shape.
    const bad = await request(app)
      .post(`/api/feeds/${created.body.id}/versions`)
      .set(auth)
      .attach('file', Buffer.from('just one line and no columns'), 'centres.csv');
    parsed(uploadResult, `failed upload (${bad.status})`, bad.body);

    // A point of the fixture's New Brunswick feed (other tests publish NB feeds of their own).
    const nbPoint = (
      await t.db.query<{ id: string }>(
        "SELECT id FROM service_points WHERE feed_id = 'fixture-nb' AND is_published ORDER BY id LIMIT 1",
      )
    ).rows[0]!;
    await request(app)
      .post(`/api/service-points/${nbPoint.id}/reports`)
      .send({ message: 'Closed on Mondays now.', email: 'a@example.org' })
      .expect(202);
    const inbox = (await expectShape(pointReportList, '/api/feeds/fixture-nb/reports', 200, true)) as z.infer<
      typeof pointReportList
    >;
    expect(inbox.results.length).toBeGreaterThan(0);
    const patched = await request(app)
      .patch(`/api/feeds/fixture-nb/reports/${inbox.results[0]!.id}`)
      .set(auth)
      .send({ status: 'acknowledged' })
      .expect(200);
    parsed(pointReportUpdate, 'report status', patched.body);
  });
});
