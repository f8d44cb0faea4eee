import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FED, PROV, publishFixtureFeeds } from '../fixtures/analysis-fixture.js';
import { testApp } from '../support/test-app.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe.each(MODES)('Open Referral HSDS 3.0 on %s', (mode) => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  beforeAll(async () => {
    t = await openTestDatabase(mode);
    await publishFixtureFeeds(t.db);
    app = testApp(t.db);
  });
  afterAll(() => t?.cleanup());

  it('lists published services as an HSDS page', async () => {
    const res = await request(app).get('/hsds/services?per_page=2').expect(200);
    expect(res.body).toMatchObject({
      total_items: 3,
      total_pages: 2,
      page_number: 1,
      size: 2,
      first_page: true,
      last_page: false,
      empty: false,
    });
    const page2 = await request(app).get('/hsds/services?per_page=2&page=2').expect(200);
    expect(page2.body).toMatchObject({ size: 1, last_page: true });
    const ids = [...res.body.contents, ...page2.body.contents].map((s: { id: string }) => s.id);
    expect(new Set(ids).size).toBe(3);
    expect(ids.every((id) => UUID.test(id))).toBe(true);
    const fed = await request(app).get(`/hsds/services?feed=${FED.id}`).expect(200);
    expect(fed.body.total_items).toBe(2);
    const none = await request(app).get('/hsds/services?page=9').expect(200);
    expect(none.body).toMatchObject({ empty: true, contents: [] });
  });

  it('returns one service with its organization, location, address, phones, languages and schedules', async () => {
    const list = await request(app).get(`/hsds/services?feed=${FED.id}`).expect(200);
    const f1 = list.body.contents.find((s: { name: string }) => s.name === 'Federal office one');
    const res = await request(app).get(`/hsds/services/${f1.id}`).expect(200);
    const s = res.body;
    expect(s).toMatchObject({
      id: f1.id,
      name: 'Federal office one',
      alternate_name: 'Bureau fédéral un',
      status: 'active',
      url: 'https://example.org/f1',
      organization: { name: 'Government of Canada', alternate_name: 'Gouvernement du Canada' },
      phones: [{ number: '506-555-0100', type: 'voice' }],
      languages: [
        { code: 'en', name: 'English' },
        { code: 'fr', name: 'French' },
      ],
    });
    expect(s.organization_id).toBe(s.organization.id);
    const sal = s.service_at_locations[0];
    expect(sal.service_id).toBe(s.id);
    expect(sal.location).toMatchObject({
      location_type: 'physical',
      latitude: 45,
      longitude: -40,
      addresses: [
        {
          address_1: '1 Main St',
          city: 'Testville',
          state_province: 'NB',
          postal_code: 'E1A 1A1',
          country: 'CA',
          address_type: 'physical',
        },
      ],
      accessibility: [{ description: 'wheelchair' }],
    });
    expect(sal.schedules).toEqual([
      expect.objectContaining({ freq: 'WEEKLY', byday: 'MO', opens_at: '09:00', closes_at: '17:00' }),
    ]);
    // The location's own hours too: what an HSDS reader takes before the schedules of the services offered there.
    expect(sal.location.schedules).toEqual([
      expect.objectContaining({ location_id: sal.location.id, byday: 'MO', opens_at: '09:00', closes_at: '17:00' }),
    ]);
    expect(s.attributes[0].taxonomy_term.code).toBe('passport');
    // Unknown hours are no schedule at all, never "closed"; an unknown value is an absent field (HSDS 3.0 has no nulls).
    const unlocated = list.body.contents.find((x: { name: string }) => x.name === 'Federal office unlocated');
    expect(unlocated.service_at_locations[0].schedules).toEqual([]);
    expect(unlocated.service_at_locations[0].location.schedules).toEqual([]);
    expect(unlocated.service_at_locations[0].location).not.toHaveProperty('latitude');
    expect(JSON.stringify(list.body)).not.toMatch(/:null[,}\]]/);
  });

  it('exports every published feed, or one, as HSDS JSON', async () => {
    const all = await request(app).get('/hsds/export').expect(200);
    expect(all.headers['content-disposition']).toContain('hsds-all-feeds.json');
    expect(all.body.hsds_version).toBe('3.0');
    expect(all.body.feeds.map((f: { id: string }) => f.id)).toEqual([FED.id, PROV.id].sort());
    expect(all.body.services).toHaveLength(3);
    expect(all.body.organizations.map((o: { name: string }) => o.name).sort()).toEqual([
      'Government of Canada',
      'New Brunswick',
    ]);
    const one = await request(app).get(`/hsds/export?feed=${PROV.id}`).expect(200);
    expect(one.body.services.map((s: { name: string }) => s.name)).toEqual(['Provincial centre one']);
    expect(one.body.feeds[0]).toMatchObject({ id: PROV.id, licence: 'Test licence', points: 1 });
  });

  it('refuses bad ids and parameters', async () => {
    const bad = await request(app).get('/hsds/services/not-a-uuid').expect(400);
    expect(bad.body.errors[0].field).toBe('id');
    await request(app).get('/hsds/services/00000000-0000-0000-0000-000000000000').expect(404);
    const big = await request(app).get('/hsds/services?per_page=1000').expect(400);
    expect(big.body.errors[0].field).toBe('per_page');
    await request(app).get('/hsds/export?feed=no-such-feed').expect(404);
    const badFeed = await request(app).get('/hsds/export?feed=%3Dcmd').expect(400);
    expect(badFeed.body.errors[0].field).toBe('feed');
  });
});
