import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFeedFile } from '../../data-loaders/lib/import-feed.js';
import { loadAndPublish, stablePointId } from '../../data-loaders/lib/publish-feed.js';
import type { FeedSpec } from '../../data-loaders/lib/point-record.js';
import { createApiKey } from '../../server/auth/api-keys.js';
import { recomputeCoverage } from '../../data-loaders/lib/coverage/coverage-store.js';
import { FEDERAL_FEED, FEDERAL_POINTS, reportFor } from '../fixtures/tiny-feeds.js';
import { testApp } from '../support/test-app.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * Service standards and live performance: jurisdictions push figures with
 * their own key; old figures read as stale; bad figures are refused with a
 * bilingual error naming the field. Then the analysts' reports on the same
 * fixture (a made-up New Brunswick feed with 555 numbers, tiny federal offices).
 */
const NB_FEED: FeedSpec = {
  id: 'test-nb-perf',
  jurisdiction_id: 'ca-nb',
  name_en: 'Test NB centres',
  name_fr: 'Centres NB (essai)',
  format: 'csv',
};
const NB_CSV = [
  'id,name,address,city,province,lat,lon,categories,online_url,call_centre_phone,call_centre_standard_en,call_centre_standard_fr',
  'NB1,Fredericton centre (test),1 Test St,Fredericton,NB,45.95,-66.65,health_card;drivers_licence,https://health.example.org/nb,506-555-0199,Calls answered within 5 minutes.,Appels répondus en moins de 5 minutes.',
  'NB2,Saint John centre (test),2 Test St,Saint John,NB,45.2733,-66.0633,health_card,https://health.example.org/nb,506-555-0199,,',
].join('\n');
const NB1 = stablePointId(NB_FEED.id, 'NB1');
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

describe.each(MODES)('service standards and performance (%s)', (kind) => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  let tmp: string;
  const keys: Record<string, string> = {};
  const push = (target: string, key: string | null, body: unknown) => {
    const r = request(app).post(`/api/${target}/performance`);
    if (key) r.set('Authorization', `Bearer ${key}`);
    return r.send(body as object);
  };

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    app = testApp(t.db);
    await loadAndPublish(t.db, FEDERAL_FEED, {
      checksum: 'fed-1',
      sourceName: 'fed.csv',
      records: FEDERAL_POINTS,
      report: reportFor(FEDERAL_POINTS),
    });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'channels-perf-'));
    const file = path.join(tmp, 'nb.csv');
    fs.writeFileSync(file, NB_CSV);
    expect((await importFeedFile(t.db, NB_FEED, file, { originalName: 'nb.csv', publish: true })).status).toBe(
      'published',
    );
    for (const j of ['ca', 'ca-nb']) keys[j] = (await createApiKey(t.db, j)).key;
  }, 180_000);

  afterAll(async () => {
    await t?.cleanup();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('accepts a push only with the owning jurisdiction’s key, whatever the body claims', async () => {
    const body = { measured_at: minutesAgo(1), wait_minutes: 12, jurisdiction_id: 'ca-nb' };
    expect((await push('channels/ca-ei-phone', null, body)).status).toBe(401);
    expect((await push('channels/ca-ei-phone', 'spf_00000000_' + 'x'.repeat(43), body)).status).toBe(401);
    const wrong = await push('channels/ca-ei-phone', keys['ca-nb']!, body);
    expect(wrong.status).toBe(403);
    expect(wrong.body.detail).toMatch(/another jurisdiction/);
    expect(
      (await push(`service-points/${NB1}`, keys['ca']!, { measured_at: minutesAgo(1), wait_minutes: 3 })).status,
    ).toBe(403);

    const ok = await push('channels/ca-ei-phone', keys['ca']!, body);
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ target_kind: 'channel', target_id: 'ca-ei-phone', is_stale: false });
    const point = await push(`service-points/${NB1}`, keys['ca-nb']!, { measured_at: minutesAgo(2), wait_minutes: 30 });
    expect(point.status).toBe(201);

    const channel = await request(app).get('/api/channels/ca-ei-phone');
    expect(channel.body.performance.current_wait_minutes).toBe(12);
    expect(channel.body.performance.wait.is_stale).toBe(false);
  });

  it('shows a figure older than its stated validity as stale, never as the current wait', async () => {
    const old = await push('channels/ca-pensions-phone', keys['ca']!, {
      measured_at: minutesAgo(180),
      wait_minutes: 4,
      valid_for_minutes: 60,
    });
    expect(old.status).toBe(201);
    expect(old.body.is_stale).toBe(true);
    const res = await request(app).get('/api/channels/ca-pensions-phone');
    expect(res.body.performance.current_wait_minutes).toBeNull();
    expect(res.body.performance.wait).toMatchObject({ minutes: 4, is_stale: true });

    // A monthly share stays current for 45 days unless the sender says otherwise.
    const share = await push('channels/ca-pensions-phone', keys['ca']!, {
      measured_at: minutesAgo(60 * 24 * 3),
      standard_met_pct: 71.5,
      period_start: '2026-10-01',
      period_end: '2026-10-31',
    });
    expect(share.status).toBe(201);
    const after = await request(app).get('/api/channels/ca-pensions-phone');
    expect(after.body.performance.standard_met).toMatchObject({
      pct: 71.5,
      period_start: '2026-10-01',
      period_end: '2026-10-31',
      is_stale: false,
    });
    expect(after.body.performance.current_wait_minutes).toBeNull();
  });

  it('rejects bad figures with a bilingual error naming the field', async () => {
    const key = keys['ca']!;
    const negative = await push('channels/ca-ei-phone', key, { measured_at: minutesAgo(1), wait_minutes: -3 });
    expect(negative.status).toBe(400);
    expect(negative.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(negative.body.errors[0]).toMatchObject({
      field: 'wait_minutes',
      message_en: 'Must not be negative.',
      message_fr: 'Ne doit pas être négatif.',
    });

    const future = await push('channels/ca-ei-phone', key, {
      measured_at: new Date(Date.now() + 3_600_000).toISOString(),
      wait_minutes: 3,
    });
    expect(future.status).toBe(400);
    expect(future.body.errors[0].field).toBe('measured_at');
    expect(future.body.errors[0].message_fr).toMatch(/futur/);

    const french = await request(app)
      .post('/api/channels/ca-ei-phone/performance?lang=fr')
      .set('Authorization', `Bearer ${key}`)
      .send({ measured_at: minutesAgo(1), standard_met_pct: 120 });
    expect(french.status).toBe(400);
    expect(french.body.errors[0]).toMatchObject({
      field: 'standard_met_pct',
      message: 'Doit être un pourcentage entre 0 et 100.',
    });

    const nothing = await push('channels/ca-ei-phone', key, { measured_at: minutesAgo(1) });
    expect(nothing.status).toBe(400);
    expect(nothing.body.errors[0].field).toBe('wait_minutes');
    const notDate = await push('channels/ca-ei-phone', key, { measured_at: 'yesterday', wait_minutes: 3 });
    expect(notDate.status).toBe(400);
    expect(notDate.body.errors[0].field).toBe('measured_at');
    const notNumber = await push('channels/ca-ei-phone', key, { measured_at: minutesAgo(1), wait_minutes: 'ten' });
    expect(notNumber.body.errors[0].field).toBe('wait_minutes');

    const unknownPoint = await push('service-points/no-such-point', keys['ca-nb']!, {
      measured_at: minutesAgo(1),
      wait_minutes: 3,
    });
    expect(unknownPoint.status).toBe(404);
    expect(unknownPoint.body.errors[0]).toMatchObject({
      field: 'id',
      message_fr: 'Aucun point de service publié ne porte cet identifiant.',
    });
    const unknownChannel = await push('channels/ca-no-such-line', key, { measured_at: minutesAgo(1), wait_minutes: 3 });
    expect(unknownChannel.status).toBe(404);
    expect(unknownChannel.body.errors[0].field).toBe('id');
  });

  it('lets the owner set a published standard, and shows it with the wait on the answer card', async () => {
    const other = await request(app)
      .put(`/api/service-points/${NB1}/standard`)
      .set('Authorization', `Bearer ${keys['ca']}`)
      .send({ text_en: 'x', text_fr: 'x' });
    expect(other.status).toBe(403);
    const set = await request(app)
      .put(`/api/service-points/${NB1}/standard`)
      .set('Authorization', `Bearer ${keys['ca-nb']}`)
      .send({ text_en: 'Served within 20 minutes.', text_fr: 'Servi en moins de 20 minutes.', target_minutes: 20 });
    expect(set.status).toBe(200);
    expect(set.body.standard).toMatchObject({
      text: 'Served within 20 minutes.',
      target_minutes: 20,
      origin: 'steward',
    });
    // A current wait of its own, above the 20-minute target, so the card says the standard is not met.
    expect(
      (await push(`service-points/${NB1}`, keys['ca-nb']!, { measured_at: minutesAgo(2), wait_minutes: 30 })).status,
    ).toBe(201);

    const res = await request(app)
      .get('/api/who-handles')
      .query({ category: 'health_card', lon: -66.6431, lat: 45.9636, lang: 'fr' });
    const nb = res.body.results[0].handlers[0];
    expect(nb.in_person[0]).toMatchObject({ id: NB1, meets_standard: false });
    expect(nb.in_person[0].standard.text).toBe('Servi en moins de 20 minutes.');
    expect(nb.in_person[0].performance.current_wait_minutes).toBe(30);
    // The call centre's standard came with the feed.
    expect(nb.phone[0].standard).toMatchObject({ text: 'Appels répondus en moins de 5 minutes.', origin: 'feed' });
  });

  it('lets the federal key, and no other, set a call centre’s service standard in both languages, read back in French', async () => {
    const put = (target: string, key: string | null, body: unknown, lang = 'en') => {
      const r = request(app).put(`/api/${target}/standard?lang=${lang}`);
      if (key) r.set('Authorization', `Bearer ${key}`);
      return r.send(body as object);
    };
    const standard = {
      text_en: 'Calls answered within 12 minutes.',
      text_fr: 'Appels répondus en 12 minutes.',
      target_pct: 75,
      target_minutes: 12,
      source_url: 'https://www.canada.ca/en/employment-social-development/corporate/service-standards.html',
    };
    expect((await put('channels/ca-1-800-o-canada', null, standard)).status).toBe(401);
    const wrong = await put('channels/ca-1-800-o-canada', keys['ca-nb']!, standard);
    expect(wrong.status).toBe(403);
    const missingFrench = await put('channels/ca-1-800-o-canada', keys['ca']!, { text_en: 'Only English.' }, 'fr');
    expect(missingFrench.status).toBe(400);
    expect(missingFrench.body.errors.map((e: { field: string }) => e.field)).toEqual(['text_fr']);
    const badUrl = await put('channels/ca-1-800-o-canada', keys['ca']!, {
      ...standard,
      source_url: 'javascript:alert(1)',
    });
    expect(badUrl.status).toBe(400);
    expect(badUrl.body.errors[0].field).toBe('source_url');

    const ok = await put('channels/ca-1-800-o-canada', keys['ca']!, standard);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      target_kind: 'channel',
      target_id: 'ca-1-800-o-canada',
      standard: { text: standard.text_en, target_pct: 75, target_minutes: 12, source_url: standard.source_url },
    });
    // Read back through the public channel API, in French: the new standard replaced the seeded one.
    const fr = await request(app).get('/api/channels/ca-1-800-o-canada?lang=fr').expect(200);
    expect(fr.body.standard).toMatchObject({
      text: standard.text_fr,
      text_en: standard.text_en,
      target_pct: 75,
      target_minutes: 12,
    });
  });

  it('reports published standards against performance for analysts', async () => {
    // Its own figures, so it runs alone or in any order: a point with a 20-minute standard and a
    // 30-minute wait, and October's pension-line share.
    expect(
      (
        await request(app)
          .put(`/api/service-points/${NB1}/standard`)
          .set('Authorization', `Bearer ${keys['ca-nb']}`)
          .send({ text_en: 'Served within 20 minutes.', text_fr: 'Servi en moins de 20 minutes.', target_minutes: 20 })
      ).status,
    ).toBe(200);
    expect(
      (await push(`service-points/${NB1}`, keys['ca-nb']!, { measured_at: minutesAgo(2), wait_minutes: 30 })).status,
    ).toBe(201);
    expect(
      (
        await push('channels/ca-pensions-phone', keys['ca']!, {
          measured_at: minutesAgo(60 * 24 * 3),
          standard_met_pct: 71.5,
          period_start: '2026-10-01',
          period_end: '2026-10-31',
        })
      ).status,
    ).toBe(201);
    expect(
      (await push('channels/ca-ei-phone', keys['ca']!, { measured_at: minutesAgo(60), standard_met_pct: 85 })).status,
    ).toBe(201);
    expect(
      (await push('channels/ca-passport-phone', keys['ca']!, { measured_at: minutesAgo(60), standard_met_pct: 90 }))
        .status,
    ).toBe(201);
    const res = await request(app).get('/api/channels/standards-report');
    expect(res.status).toBe(200);
    const byId = new Map(res.body.results.map((r: { target_id: string }) => [r.target_id, r]));
    expect(byId.get('ca-ei-phone')).toMatchObject({
      channel_kind: 'phone',
      meets_standard: true,
      standard: { target_pct: 80 },
    });
    expect(byId.get(NB1)).toMatchObject({ channel_kind: 'in_person', meets_standard: false });
    // Pensions has a published standard since 0052 (80% within 10 minutes): October's 71.5% falls short.
    expect(byId.get('ca-pensions-phone')).toMatchObject({
      meets_standard: false,
      standard: { target_pct: 80, target_minutes: 10 },
    });
    // The passport line has figures but no published standard: listed, with nothing to meet.
    expect(byId.get('ca-passport-phone')).toMatchObject({ standard: null, meets_standard: null });
    const csv = await request(app)
      .get('/api/channels/standards-report')
      .query({ jurisdiction: 'ca-nb', format: 'csv' });
    expect(csv.text.startsWith('\uFEFF')).toBe(true);
    expect(csv.text).not.toContain('ca-ei-phone');
  });

  it('reports where a category has no online option, no phone option or people beyond the threshold', async () => {
    // Two units: one in Fredericton (near the centres and the federal office), one in Campbellton (about 225 km north).
    for (const [id, name, lon, lat, pop] of [
      ['T1', 'Fredericton (test)', -66.64, 45.96, 1000],
      ['T2', 'Campbellton (test)', -66.67, 48.0, 500],
    ] as const) {
      await t.db.query(
        `INSERT INTO population_units (id, kind, name, province, population, point, source) VALUES ($1, 'csd', $2, 'NB', $3, ST_SetSRID(ST_MakePoint($4, $5), 4326), 'test')`,
        [id, name, pop, lon, lat],
      );
    }
    await recomputeCoverage(t.db);
    const res = await request(app)
      .get('/api/channels/availability')
      .query({ province: 'nb', category: 'health_card,pensions,vital_statistics', threshold_km: 50 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ threshold_km: 50, distance_kind: 'straight_line', coverage_is_fresh: true });
    const rows = new Map(res.body.results.map((r: { category_code: string }) => [r.category_code, r]));
    expect(rows.get('health_card')).toMatchObject({
      province: 'NB',
      has_online: true,
      has_phone: true,
      population_total: 1500,
      population_within: 1000,
      population_beyond: 500,
      units_beyond: 1,
      gaps: ['in_person'],
    });
    expect(rows.get('pensions')).toMatchObject({
      has_online: true,
      has_phone: true,
      population_within: 1000,
      handler_levels: ['federal'],
    });
    expect(rows.get('vital_statistics')).toMatchObject({
      has_online: false,
      has_phone: false,
      population_within: 0,
      gaps: ['online', 'phone', 'in_person'],
    });

    const french = await request(app)
      .get('/api/channels/availability')
      .query({ province: 'NB', category: 'vital_statistics', lang: 'fr', format: 'csv' });
    expect(french.text).toContain('Certificats de naissance');
    const bad = await request(app).get('/api/channels/availability').query({ province: 'ZZ' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('province');
  });
});
