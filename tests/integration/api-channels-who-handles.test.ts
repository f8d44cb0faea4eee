import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFeedFile } from '../../data-loaders/lib/import-feed.js';
import { loadAndPublish, stablePointId } from '../../data-loaders/lib/publish-feed.js';
import type { FeedSpec } from '../../data-loaders/lib/point-record.js';
import { createApiKey } from '../../server/auth/api-keys.js';
import { FEDERAL_FEED, FEDERAL_POINTS, reportFor } from '../fixtures/tiny-feeds.js';
import { testApp } from '../support/test-app.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * "Who handles this?" and wrong-door routing on a small fixture: federal
 * offices in Fredericton and Moncton (tests/fixtures/tiny-feeds.ts), the
 * federal channels seeded by migrations 0041 and 0052, and a made-up New Brunswick feed
 * whose rows carry an online service and a call centre (555 numbers and
 * example.org addresses: fictitious on purpose).
 */
const NB_FEED: FeedSpec = {
  id: 'test-nb-health',
  jurisdiction_id: 'ca-nb',
  name_en: 'Test NB health card centres',
  name_fr: 'Centres carte santé NB (essai)',
  format: 'csv',
  licence: 'Test licence',
};
const NB_CSV = [
  'id,name,name_fr,address,city,province,postal_code,lat,lon,categories,languages,online_url,online_url_fr,call_centre_phone,call_centre_tty,call_centre_hours,call_centre_languages,service_standard_en,service_standard_fr',
  'NB1,Fredericton health card centre (test),Centre carte santé de Fredericton (essai),1 Test St,Fredericton,NB,E3B 1A1,45.95,-66.65,health_card;drivers_licence,en;fr,https://health.example.org/nb/card,https://sante.example.org/nb/carte,506-555-0199,506-555-0198,Mon-Fri 8:00-17:00,English; French,Cards issued the same day.,Cartes délivrées le jour même.',
  'NB2,Saint John health card centre (test),Centre carte santé de Saint John (essai),2 Test St,Saint John,NB,E2L 1A1,45.2733,-66.0633,health_card,en,https://health.example.org/nb/card,https://sante.example.org/nb/carte,506-555-0199,506-555-0198,Mon-Fri 8:00-17:00,English; French,,',
].join('\n');
const FREDERICTON = { lon: -66.6431, lat: 45.9636 };

describe.each(MODES)('who handles this, and the wrong door (%s)', (kind) => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  let tmp: string;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    app = testApp(t.db);
    await loadAndPublish(t.db, FEDERAL_FEED, {
      checksum: 'fed-1',
      sourceName: 'fed.csv',
      records: FEDERAL_POINTS,
      report: reportFor(FEDERAL_POINTS),
    });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'channels-who-'));
    const file = path.join(tmp, 'nb.csv');
    fs.writeFileSync(file, NB_CSV);
    const r = await importFeedFile(t.db, NB_FEED, file, { originalName: 'nb.csv', publish: true });
    expect(r.status).toBe('published');
    for (const j of ['ca', 'ca-nb', 'ca-on']) keys[j] = (await createApiKey(t.db, j)).key;
  }, 180_000);

  afterAll(async () => {
    await t?.cleanup();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('sends a New Brunswick health card to the province: its line, its site and its nearest centres', async () => {
    const res = await request(app)
      .get('/api/who-handles')
      .query({ category: 'health_card', ...FREDERICTON });
    expect(res.status).toBe(200);
    expect(res.body.province).toBe('NB');
    const [result] = res.body.results;
    expect(result.category.code).toBe('health_card');
    expect(result.handlers.map((h: { jurisdiction_id: string }) => h.jurisdiction_id)).toEqual(['ca-nb']);
    const nb = result.handlers[0];
    expect(nb.phone).toHaveLength(1);
    expect(nb.phone[0]).toMatchObject({
      phone: '506-555-0199',
      tty: '506-555-0198',
      hours: 'Mon-Fri 8:00-17:00',
      languages: ['en', 'fr'],
      is_general: false,
    });
    expect(nb.online).toHaveLength(1);
    expect(nb.online[0].url).toBe('https://health.example.org/nb/card');
    expect(nb.in_person.map((p: { id: string }) => p.id)).toEqual([
      stablePointId(NB_FEED.id, 'NB1'),
      stablePointId(NB_FEED.id, 'NB2'),
    ]);
    expect(nb.in_person[0].distance_m).toBeLessThan(nb.in_person[1].distance_m);
    expect(nb.in_person[0].standard.text).toBe('Cards issued the same day.');
    expect(nb.channels_available).toEqual(['in_person', 'online', 'phone']);
    expect(res.body.distance_kind).toBe('straight_line');
  });

  it('answers in French with the French page and the French standard', async () => {
    const res = await request(app)
      .get('/api/who-handles')
      .query({ category: 'health_card', province: 'nb', lang: 'fr' });
    expect(res.status).toBe(200);
    const nb = res.body.results[0].handlers[0];
    expect(nb.jurisdiction_name).toBe('Nouveau-Brunswick');
    expect(nb.online[0].url).toBe('https://sante.example.org/nb/carte');
    expect(res.body.results[0].category.name).toBe('Carte santé');
    // No location: the in-person option cannot be ranked by distance, so none is listed.
    expect(nb.in_person).toEqual([]);
    // With a location, the nearest centre comes with its service standard in French.
    const near = await request(app)
      .get('/api/who-handles')
      .query({ category: 'health_card', province: 'nb', lang: 'fr', ...FREDERICTON })
      .expect(200);
    const inPerson = near.body.results[0].handlers[0].in_person;
    expect(inPerson[0].id).toBe(stablePointId(NB_FEED.id, 'NB1'));
    expect(inPerson[0].standard.text).toBe('Cartes délivrées le jour même.');
  });

  it('sends a pension to the federal government, with the seeded Service Canada lines', async () => {
    const res = await request(app)
      .get('/api/who-handles')
      .query({ category: 'pensions', ...FREDERICTON, channel: 'phone' });
    expect(res.status).toBe(200);
    expect(res.body.channel_order).toEqual(['phone', 'in_person', 'online']);
    const handlers = res.body.results[0].handlers;
    expect(handlers.map((h: { jurisdiction_id: string }) => h.jurisdiction_id)).toEqual(['ca']);
    const ca = handlers[0];
    expect(ca.phone.map((c: { id: string }) => c.id)).toEqual(['ca-pensions-phone']);
    expect(ca.phone[0]).toMatchObject({ phone: '1-800-277-9914', tty: '1-800-255-4786' });
    // Sourced from an official Service Canada page (0052), archived by Library and Archives Canada.
    expect(ca.phone[0].source).toMatchObject({
      origin: 'seed',
      url: 'https://bac-lac.wayback.archive-it.org/web/20061028045216/http://www1.servicecanada.gc.ca/asp/gateway.asp?hr=en%2Fisp%2Fcommon%2Fnr4-03.shtml&hs=ozs',
      date: '2006-10-28',
    });
    expect(ca.phone[0].standard).toMatchObject({ target_pct: 80, target_minutes: 10 });
    // My Service Canada Account (0052) serves pensions too; channels of one kind come in id order.
    expect(ca.online.map((c: { id: string }) => c.id)).toEqual(['ca-msca-online', 'ca-pensions-online']);
    expect(ca.online[1].url).toBe(
      'https://www.canada.ca/en/services/benefits/publicpensions/cpp/old-age-security.html',
    );
    expect(ca.in_person.map((p: { name: string }) => p.name)).toEqual([
      'Fredericton federal office',
      'Moncton federal office',
    ]);
    expect(ca.has_chosen_channel).toBe(true);

    const fr = await request(app).get('/api/who-handles').query({ category: 'pensions', province: 'NB', lang: 'fr' });
    expect(fr.body.results[0].handlers[0].phone[0].phone).toBe('1-800-277-9915');
  });

  it('offers 1 800 O-Canada where the federal government has no line of its own for the service', async () => {
    const res = await request(app)
      .get('/api/who-handles')
      .query({ category: 'social_insurance_number', province: 'NB' });
    const ca = res.body.results[0].handlers[0];
    expect(ca.phone.map((c: { id: string; is_general: boolean }) => [c.id, c.is_general])).toEqual([
      ['ca-1-800-o-canada', true],
    ]);
    expect(ca.phone[0].standard).toMatchObject({ target_pct: 80, target_minutes: 0.3 });
    // Tax help has a line of its own (0052), so the general line is not offered for it.
    const tax = await request(app).get('/api/who-handles').query({ category: 'tax_services', province: 'NB' });
    const taxFederal = tax.body.results[0].handlers.find(
      (h: { jurisdiction_id: string }) => h.jurisdiction_id === 'ca',
    );
    expect(taxFederal.phone.map((c: { id: string }) => c.id)).toEqual(['ca-cra-individual-phone']);
    expect(taxFederal.phone[0]).toMatchObject({ phone: '1-800-959-8281', tty: '1-800-665-0354' });
    const ei = await request(app).get('/api/who-handles').query({ category: 'employment_insurance', province: 'NB' });
    const eiPhone = ei.body.results[0].handlers[0].phone;
    expect(eiPhone.map((c: { id: string }) => c.id)).toEqual(['ca-ei-phone']);
    expect(eiPhone[0].standard).toMatchObject({
      text: '80% of calls answered within 10 minutes.',
      target_pct: 80,
      target_minutes: 10,
    });
  });

  it('sends tax help and child benefits to the federal government first outside Quebec and to Quebec first in Quebec, each with its official source', async () => {
    // Independent of the seed: outside Quebec the CRA administers provincial personal income tax
    // and pays the Canada child benefit (with several provincial benefits); Revenu Québec and
    // Retraite Québec are Quebec's own (Canada.ca, Financial Consumer Agency of Canada; Retraite Québec).
    const order = async (category: string, province: string) => {
      const res = await request(app).get('/api/who-handles').query({ category, province }).expect(200);
      return res.body.results[0].handlers.map(
        (h: { level: string; rank: number; source: { url: string; checked_on: string } | null }) => ({
          level: h.level,
          rank: h.rank,
          source: h.source?.url ? new URL(h.source.url).hostname : null,
          checked: h.source?.checked_on ?? null,
        }),
      );
    };
    for (const province of ['NB', 'ON', 'BC', 'YT']) {
      const tax = await order('tax_services', province);
      expect(tax[0], `tax in ${province}`).toMatchObject({
        level: 'federal',
        rank: 1,
        source: 'www.canada.ca',
        checked: '2026-12-06',
      });
      const child = await order('child_benefits', province);
      expect(child[0], `child benefits in ${province}`).toMatchObject({
        level: 'federal',
        rank: 1,
        source: 'www.canada.ca',
      });
    }
    expect((await order('tax_services', 'QC')).map((h: { level: string }) => h.level)).toEqual([
      'provincial',
      'federal',
    ]);
    const quebecChild = await order('child_benefits', 'QC');
    expect(quebecChild[0]).toMatchObject({ level: 'provincial', rank: 1, source: 'www.retraitequebec.gouv.qc.ca' });
    expect(quebecChild[1]).toMatchObject({ level: 'federal', rank: 2 });
  });

  it('answers a life event category by category, in the event’s order', async () => {
    const res = await request(app)
      .get('/api/who-handles')
      .query({ life_event: 'turning_65', ...FREDERICTON });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { category: { code: string } }) => r.category.code)).toEqual([
      'pensions',
      'tax_services',
      'health_card',
      'drivers_licence',
    ]);
    const drivers = res.body.results[3].handlers[0];
    expect(drivers.jurisdiction_id).toBe('ca-nb');
    // The NB centre lists driver's licences too, so its call centre and site serve them.
    expect(drivers.phone[0].phone).toBe('506-555-0199');
  });

  it('rejects questions it cannot answer, naming the parameter', async () => {
    const none = await request(app).get('/api/who-handles').query({ category: 'health_card' });
    expect(none.status).toBe(400);
    expect(none.body.errors[0].field).toBe('province');
    const both = await request(app)
      .get('/api/who-handles')
      .query({ category: 'health_card', life_event: 'moving', province: 'NB' });
    expect(both.status).toBe(400);
    const unknown = await request(app)
      .get('/api/who-handles')
      .query({ category: 'moon_landing', province: 'NB', lang: 'fr' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0]).toMatchObject({ field: 'category' });
    expect(unknown.body.detail).toMatch(/Aucune catégorie/);
    const ocean = await request(app).get('/api/who-handles').query({ category: 'health_card', lon: -40, lat: 45 });
    expect(ocean.status).toBe(400);
    expect(ocean.body.errors[0].field).toBe('lon');
    const half = await request(app).get('/api/who-handles').query({ category: 'health_card', lon: -66 });
    expect(half.status).toBe(400);
    expect(half.body.errors[0].field).toBe('lat');
  });

  it('wrong door: a health card is provincial, a pension federal, and Quebec pensions start with Quebec', async () => {
    const card = await request(app)
      .get('/api/wrong-door')
      .query({ category: 'health_card', thought: 'ca', ...FREDERICTON });
    expect(card.status).toBe(200);
    expect(card.body.verdict).toBe('wrong');
    expect(card.body.go_to.map((h: { jurisdiction_id: string }) => h.jurisdiction_id)).toEqual(['ca-nb']);
    expect(card.body.go_to[0].phone[0].phone).toBe('506-555-0199');
    // The message names the service, who handles it here, then the government the citizen asked, in each language.
    const names = (text: string, ...parts: string[]) => {
      const at = parts.map((p) => text.indexOf(p));
      expect(
        at.every((i) => i >= 0),
        `${text} names ${parts.join(', ')}`,
      ).toBe(true);
      expect(
        [...at].sort((a, b) => a - b),
        `${text} names them in that order`,
      ).toEqual(at);
    };
    names(card.body.message, 'Health card', 'New Brunswick', 'Government of Canada');
    names(card.body.message_fr, 'Carte santé', 'Nouveau-Brunswick', 'Gouvernement du Canada');

    const pension = await request(app)
      .get('/api/wrong-door')
      .query({ category: 'pensions', thought: 'ca-nb', province: 'NB', lang: 'fr' });
    expect(pension.body.verdict).toBe('wrong');
    expect(pension.body.go_to[0].jurisdiction_id).toBe('ca');
    expect(pension.body.go_to[0].phone[0].phone).toBe('1-800-277-9915');
    expect(pension.body.message).toMatch(/Gouvernement du Canada/);

    const right = await request(app)
      .get('/api/wrong-door')
      .query({ category: 'health_card', thought: 'provincial', province: 'NB' });
    expect(right.body.verdict).toBe('right');
    expect(right.body.is_right).toBe(true);

    const quebec = await request(app)
      .get('/api/wrong-door')
      .query({ category: 'pensions', thought: 'federal', province: 'QC' });
    expect(quebec.body.verdict).toBe('partly');
    expect(quebec.body.go_to.map((h: { jurisdiction_id: string }) => h.jurisdiction_id)).toEqual(['ca-qc']);

    const unknown = await request(app)
      .get('/api/wrong-door')
      .query({ category: 'pensions', thought: 'ca-zz', province: 'NB' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0].field).toBe('thought');
  });

  it('lets a province’s stewards, and only them, change who handles a category there', async () => {
    const body = {
      handlers: [
        {
          level: 'provincial',
          rank: 1,
          note_en: 'Service New Brunswick (test note).',
          note_fr: 'Services Nouveau-Brunswick (note d’essai).',
        },
        { level: 'municipal', rank: 2 },
      ],
    };
    const anonymous = await request(app).put('/api/responsibilities/NB/drivers_licence').send(body);
    expect(anonymous.status).toBe(401);
    const ontario = await request(app)
      .put('/api/responsibilities/NB/drivers_licence')
      .set('Authorization', `Bearer ${keys['ca-on']}`)
      .send(body);
    expect(ontario.status).toBe(403);
    const federal = await request(app)
      .put('/api/responsibilities/NB/drivers_licence')
      .set('Authorization', `Bearer ${keys['ca']}`)
      .send(body);
    expect(federal.status).toBe(403);
    const bad = await request(app)
      .put('/api/responsibilities/NB/drivers_licence')
      .set('Authorization', `Bearer ${keys['ca-nb']}`)
      .send({ handlers: [{ level: 'provincial', jurisdiction_id: 'ca-on' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('handlers.0.jurisdiction_id');
    expect(bad.body.errors[0].message_fr).toBeTruthy();

    const ok = await request(app)
      .put('/api/responsibilities/nb/drivers_licence')
      .set('Authorization', `Bearer ${keys['ca-nb']}`)
      .send(body);
    expect(ok.status).toBe(200);
    expect(ok.body.results.map((r: { level: string; rank: number }) => [r.level, r.rank])).toEqual([
      ['provincial', 1],
      ['municipal', 2],
    ]);

    const after = await request(app).get('/api/who-handles').query({ category: 'drivers_licence', province: 'NB' });
    const handlers = after.body.results[0].handlers;
    expect(handlers.map((h: { level: string }) => h.level)).toEqual(['provincial', 'municipal']);
    expect(handlers[0].note).toBe('Service New Brunswick (test note).');
    expect(handlers[1]).toMatchObject({ jurisdiction_id: null, jurisdiction_name: 'Your municipality' });

    const list = await request(app)
      .get('/api/responsibilities')
      .query({ province: 'NB', category: 'drivers_licence', format: 'csv' });
    expect(list.status).toBe(200);
    expect(list.text).toContain('Service New Brunswick (test note).');
  });

  it('describes its routes in the OpenAPI document', async () => {
    const res = await request(app).get('/api/openapi.json');
    expect(res.status).toBe(200);
    const paths = Object.keys(res.body.paths);
    for (const p of [
      '/api/who-handles',
      '/api/wrong-door',
      '/api/channels',
      '/api/channels/{id}/performance',
      '/api/responsibilities/{province}/{category}',
      '/api/channels/availability',
    ]) {
      expect(paths).toContain(p);
    }
  });
});
