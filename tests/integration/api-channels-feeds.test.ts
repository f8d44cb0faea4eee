import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFeedFile } from '../../data-loaders/lib/import-feed.js';
import { rollbackFeed } from '../../data-loaders/lib/publish-feed.js';
import type { FeedSpec } from '../../data-loaders/lib/point-record.js';
import { createApiKey } from '../../server/auth/api-keys.js';
import { testApp } from '../support/test-app.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * Channels travel with feeds: optional CSV columns (English or French
 * headers), GeoJSON properties, HSDS services offered at several locations
 * (JSON and tabular package). They follow the published version (publish,
 * replace, roll back) and go out again through the channels API. Every number
 * and address here is made up (555 numbers, example.org).
 */
const spec = (id: string, jurisdiction_id = 'ca-nb'): FeedSpec => ({
  id,
  jurisdiction_id,
  name_en: `Test ${id}`,
  name_fr: `Essai ${id}`,
  format: 'csv',
  licence: 'Test licence',
});

interface ChannelOut {
  id: string;
  kind: string;
  name: string;
  url: string | null;
  phone: string | null;
  tty: string | null;
  hours: string | null;
  languages: string[];
  categories: string[];
  provinces: string[] | null;
  source: { origin: string; feed_id: string | null };
  standard: { text: string } | null;
}

describe.each(MODES)('channels carried by feeds (%s)', (kind) => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  let dir: string;
  const feedChannels = async (feedId: string, lang = 'en'): Promise<ChannelOut[]> => {
    const res = await request(app).get('/api/channels').query({ jurisdiction: 'ca-nb,ca-ns', lang });
    expect(res.status).toBe(200);
    return (res.body.results as ChannelOut[])
      .filter((c) => c.source.feed_id === feedId)
      .sort((a, b) => a.kind.localeCompare(b.kind));
  };

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    app = testApp(t.db);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'channels-feeds-'));
  }, 180_000);

  afterAll(async () => {
    await t?.cleanup();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads channel columns from a CSV with French headers, and follows publish, replace and roll back', async () => {
    const v1 = path.join(dir, 'fr-v1.csv');
    fs.writeFileSync(
      v1,
      [
        'Nom,Adresse,Ville,Province,Latitude,Longitude,Services,URL en ligne,Téléphone du centre d’appels,ATS,Heures du centre d’appels,Langues du centre d’appels,Norme de service',
        'Centre de Bathurst (essai),1 rue Test,Bathurst,NB,47.62,-65.65,Carte santé;Permis de conduire,https://sante.example.org/nb,1-506-555-0177,506-555-0176,Lun-ven 8 h à 17 h,bilingue,Réponse en 48 heures.',
        'Centre d’Edmundston (essai),2 rue Test,Edmundston,NB,47.37,-68.33,Carte santé,https://sante.example.org/nb,1-506-555-0177,506-555-0176,Lun-ven 8 h à 17 h,bilingue,',
      ].join('\n'),
    );
    const feed = spec('test-csv-fr');
    const v1Result = await importFeedFile(t.db, feed, v1, { originalName: 'fr-v1.csv', publish: true });
    expect(v1Result.status).toBe('published');
    const channels = await feedChannels(feed.id);
    expect(channels.map((c) => c.kind)).toEqual(['online', 'phone']);
    const [online, phone] = channels as [ChannelOut, ChannelOut];
    expect(online).toMatchObject({
      url: 'https://sante.example.org/nb',
      categories: ['drivers_licence', 'health_card'],
      provinces: ['NB'],
    });
    expect(phone).toMatchObject({
      phone: '1-506-555-0177',
      tty: '506-555-0176',
      hours: 'Lun-ven 8 h à 17 h',
      languages: ['en', 'fr'],
    });
    expect(phone.source.origin).toBe('feed');
    const standards = await t.db.query<{ text_fr: string }>(
      "SELECT text_fr FROM service_standards WHERE feed_id = $1 AND target_kind = 'point'",
      [feed.id],
    );
    expect(standards.rows.map((r) => r.text_fr)).toEqual(['Réponse en 48 heures.']);

    // Version 2 drops the call centre: the published channels follow.
    const v2 = path.join(dir, 'fr-v2.csv');
    fs.writeFileSync(
      v2,
      [
        'Nom,Ville,Province,Latitude,Longitude,Services,URL en ligne',
        'Centre de Bathurst (essai),Bathurst,NB,47.62,-65.65,Carte santé,https://sante.example.org/nb/v2',
      ].join('\n'),
    );
    const v2Result = await importFeedFile(t.db, feed, v2, { originalName: 'fr-v2.csv', publish: true });
    expect(v2Result.status).toBe('published');
    const after = await feedChannels(feed.id);
    expect(after.map((c) => [c.kind, c.url])).toEqual([['online', 'https://sante.example.org/nb/v2']]);
    expect((await t.db.query('SELECT 1 FROM service_standards WHERE feed_id = $1', [feed.id])).rows.length).toBe(0);

    // Rolling back brings version 1's channels and standards back.
    expect(await rollbackFeed(t.db, feed.id)).toEqual({
      rolledBack: v2Result.versionId,
      published: v1Result.versionId,
    });
    expect((await feedChannels(feed.id)).map((c) => c.kind)).toEqual(['online', 'phone']);
    expect((await t.db.query('SELECT 1 FROM service_standards WHERE feed_id = $1', [feed.id])).rows.length).toBe(1);
  });

  it('takes the same columns through the stewards’ upload API', async () => {
    const key = (await createApiKey(t.db, 'ca-nb')).key;
    const created = await request(app).post('/api/feeds').set('Authorization', `Bearer ${key}`).send({
      id: 'ca-nb-test-upload',
      jurisdiction_id: 'ca-nb',
      name_en: 'Test upload',
      name_fr: 'Téléversement d’essai',
      format: 'csv',
    });
    expect(created.status).toBe(201);
    const csv = [
      'name,city,province,lat,lon,categories,call_centre_phone,call_centre_standard_en',
      'Moncton centre (test),Moncton,NB,46.09,-64.78,health_card,506-555-0155,Calls answered within 3 minutes.',
    ].join('\n');
    const staged = await request(app)
      .post('/api/feeds/ca-nb-test-upload/versions')
      .set('Authorization', `Bearer ${key}`)
      .attach('file', Buffer.from(csv), 'upload.csv');
    expect(staged.status).toBeLessThan(300);
    // Staged only: nothing a citizen sees yet.
    expect(await feedChannels('ca-nb-test-upload')).toEqual([]);
    const published = await request(app)
      .post(`/api/feeds/ca-nb-test-upload/versions/${staged.body.version_id}/publish`)
      .set('Authorization', `Bearer ${key}`);
    expect(published.status).toBe(200);
    const [phone] = await feedChannels('ca-nb-test-upload');
    expect(phone).toMatchObject({
      kind: 'phone',
      phone: '506-555-0155',
      standard: { text: 'Calls answered within 3 minutes.' },
    });
  });

  it('reads channel properties from GeoJSON', async () => {
    const file = path.join(dir, 'ns.geojson');
    fs.writeFileSync(
      file,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [-63.57, 44.65] },
            properties: {
              name: 'Halifax access centre (test)',
              province: 'NS',
              categories: 'vital_statistics',
              online_url: 'https://records.example.org/ns',
              online_url_fr: 'https://registres.example.org/ns',
              call_centre_phone: '902-555-0133',
              call_centre_languages: 'English',
            },
          },
        ],
      }),
    );
    const feed = spec('test-geojson', 'ca-ns');
    expect((await importFeedFile(t.db, feed, file, { originalName: 'ns.geojson', publish: true })).status).toBe(
      'published',
    );
    const [online, phone] = (await feedChannels(feed.id, 'fr')) as [ChannelOut, ChannelOut];
    expect(online).toMatchObject({
      url: 'https://registres.example.org/ns',
      categories: ['vital_statistics'],
      provinces: ['NS'],
    });
    expect(phone).toMatchObject({ phone: '902-555-0133', languages: ['en'] });
    const who = await request(app).get('/api/who-handles').query({ category: 'vital_statistics', province: 'NS' });
    expect(who.body.results[0].handlers[0].phone[0].phone).toBe('902-555-0133');
  });

  it('reads an HSDS service offered at several locations as its online and phone channels (JSON and tabular)', async () => {
    const file = path.join(dir, 'hsds.json');
    const loc = (id: string, name: string, lat: number, lon: number) => ({
      id,
      location_type: 'physical',
      name,
      latitude: lat,
      longitude: lon,
      addresses: [
        {
          id: `a-${id}`,
          address_1: '1 Test St',
          city: name,
          state_province: 'NB',
          postal_code: 'E3B 1A1',
          country: 'CA',
          address_type: 'physical',
        },
      ],
    });
    fs.writeFileSync(
      file,
      JSON.stringify([
        {
          id: 'org-1',
          name: 'Test Service New Brunswick',
          description: 'Test',
          locations: [loc('l1', 'Fredericton', 45.95, -66.65), loc('l2', 'Moncton', 46.09, -64.78)],
          services: [
            {
              id: 's1',
              name: 'Health card',
              status: 'active',
              url: 'https://card.example.org/nb',
              phones: [
                {
                  id: 'p1',
                  number: '1-506-555-0111',
                  type: 'voice',
                  languages: [
                    { id: 'g1', code: 'en' },
                    { id: 'g2', code: 'fr' },
                  ],
                },
                { id: 'p2', number: '1-506-555-0112', type: 'textphone' },
              ],
              service_at_locations: [
                { id: 'x1', location_id: 'l1' },
                { id: 'x2', location_id: 'l2' },
              ],
            },
          ],
        },
      ]),
    );
    const feed = spec('test-hsds-json');
    expect((await importFeedFile(t.db, feed, file, { originalName: 'hsds.json', publish: true })).status).toBe(
      'published',
    );
    const [online, phone] = (await feedChannels(feed.id)) as [ChannelOut, ChannelOut];
    expect(online).toMatchObject({
      url: 'https://card.example.org/nb',
      name: 'Health card',
      categories: ['health_card'],
    });
    expect(phone).toMatchObject({ phone: '1-506-555-0111', tty: '1-506-555-0112', languages: ['en', 'fr'] });

    const pkg = path.join(dir, 'pkg');
    fs.mkdirSync(pkg);
    fs.writeFileSync(path.join(pkg, 'datapackage.json'), JSON.stringify({ name: 'test', resources: [] }));
    fs.writeFileSync(path.join(pkg, 'organizations.csv'), 'id,name,description\no1,Test Province,Test\n');
    fs.writeFileSync(
      path.join(pkg, 'locations.csv'),
      'id,organization_id,location_type,name,latitude,longitude\nl1,o1,physical,Bathurst (test),47.62,-65.65\nl2,o1,physical,Miramichi (test),47.03,-65.5\n',
    );
    fs.writeFileSync(
      path.join(pkg, 'services.csv'),
      'id,organization_id,name,status,url\ns1,o1,Birth certificates,active,https://vital.example.org/nb\n',
    );
    fs.writeFileSync(path.join(pkg, 'service_at_locations.csv'), 'id,service_id,location_id\nx1,s1,l1\nx2,s1,l2\n');
    fs.writeFileSync(
      path.join(pkg, 'phones.csv'),
      'id,location_id,service_id,number,type\np1,l1,,506-555-0101,voice\np2,,s1,1-506-555-0100,voice\n',
    );
    const tab = spec('test-hsds-tab');
    expect(
      (
        await importFeedFile(t.db, tab, path.join(pkg, 'datapackage.json'), {
          originalName: 'datapackage.json',
          publish: true,
        })
      ).status,
    ).toBe('published');
    const tabChannels = await feedChannels(tab.id);
    expect(tabChannels.map((c) => [c.kind, c.url ?? c.phone])).toEqual([
      ['online', 'https://vital.example.org/nb'],
      ['phone', '1-506-555-0100'],
    ]);
    // The location keeps its own number; the service's line is the channel.
    const points = await t.db.query<{ phone: string | null }>(
      "SELECT phone FROM service_points WHERE feed_id = 'test-hsds-tab' AND is_published ORDER BY name_en",
    );
    expect(points.rows.map((r) => r.phone)).toEqual(['506-555-0101', '506-555-0100']);
  });

  it('sends points and their online and phone channels out through the HSDS export and back in as a new feed', async () => {
    // Two web pages and two call centres, each carried by two points, and a line carried by one point only.
    const file = path.join(dir, 'roundtrip.csv');
    fs.writeFileSync(
      file,
      [
        'name,address,city,province,postal_code,lat,lon,categories,phone,hours,languages,online_url,call_centre_phone,call_centre_tty,call_centre_hours,call_centre_languages',
        'Saint John centre (test),1 Test St,Saint John,NB,E2L 1A1,45.27,-66.06,health_card;drivers_licence,506-555-0190,Mon-Fri 09:00-17:00,en,https://health.example.org/nb,1-506-555-0191,1-506-555-0192,Mon-Fri 8:00-18:00,English; French',
        'Fredericton centre (test),2 Test St,Fredericton,NB,E3B 1A1,45.96,-66.64,health_card,,Mon-Fri 10:00-16:00,fr,https://health.example.org/nb,1-506-555-0191,1-506-555-0192,Mon-Fri 8:00-18:00,English; French',
        'Moncton centre (test),3 Test St,Moncton,NB,E1C 1A1,46.09,-64.78,drivers_licence,506-555-0193,,,https://licence.example.org/nb,1-506-555-0197,,Mon-Sun 07:00-23:00,English',
        'Bathurst centre (test),4 Test St,Bathurst,NB,E2A 1A1,47.62,-65.65,drivers_licence,506-555-0194,,,https://licence.example.org/nb,1-506-555-0197,,Mon-Sun 07:00-23:00,English',
        'Miramichi centre (test),5 Test St,Miramichi,NB,E1N 1A1,47.03,-65.5,vital_statistics,506-555-0195,,,,1-506-555-0196,,,English',
      ].join('\n'),
    );
    const src = spec('test-roundtrip-src');
    expect((await importFeedFile(t.db, src, file, { originalName: 'roundtrip.csv', publish: true })).status).toBe(
      'published',
    );
    const before = await feedChannels(src.id);
    expect(before.map((c) => c.kind)).toEqual(['online', 'online', 'phone', 'phone', 'phone']);

    const res = await request(app).get('/hsds/export').query({ feed: src.id });
    expect(res.status).toBe(200);
    interface Exported {
      id: string;
      url?: string;
      phones?: { number: string; type: string }[];
      schedules: unknown[];
      service_at_locations: unknown[];
      source: { channel_id?: string };
    }
    const services = res.body.services as Exported[];
    // One service per point, then one per channel, offered at the locations of the points that carry it.
    const channelServices = services.filter((s) => s.source.channel_id);
    expect(services.length - channelServices.length).toBe(5);
    expect(
      channelServices
        .map((s) => [s.url ?? s.phones?.map((p) => `${p.type} ${p.number}`).join(', '), s.service_at_locations.length])
        .sort(),
    ).toEqual([
      ['https://health.example.org/nb', 2],
      ['https://licence.example.org/nb', 2],
      ['voice 1-506-555-0191, textphone 1-506-555-0192', 2],
      ['voice 1-506-555-0196', 1],
      ['voice 1-506-555-0197', 2],
    ]);
    // A channel's service is served on its own too, as in the export.
    const one = channelServices[0]!;
    expect((await request(app).get(`/hsds/services/${one.id}`).expect(200)).body).toEqual(one);

    const exported = path.join(dir, 'roundtrip-export.json');
    fs.writeFileSync(exported, JSON.stringify(services));
    const back = spec('test-roundtrip-back');
    const r = await importFeedFile(t.db, back, exported, { originalName: 'roundtrip-export.json', publish: true });
    expect(r.status).toBe('published');
    // The export follows the official HSDS 3.0 schemas the loader checks (data-loaders/schemas/hsds-3.0-official).
    expect(r.report.byCode['schema_violation']).toBeUndefined();

    const comparable = (c: ChannelOut) => ({
      kind: c.kind,
      name: c.name,
      url: c.url,
      phone: c.phone,
      tty: c.tty,
      hours: c.hours,
      languages: c.languages,
      provinces: c.provinces,
    });
    const after = await feedChannels(back.id);
    // What does not come back: the line of one point (a service at one location is that location's own contact), and
    // the hours of the call centre whose points have no hours of their own (they would become the counters' hours).
    const expected = before
      .filter((c) => c.phone !== '1-506-555-0196')
      .map((c) => (c.phone === '1-506-555-0197' ? { ...c, hours: null } : c));
    expect(after.map(comparable)).toEqual(expected.map(comparable));
    expect(after.find((c) => c.phone === '1-506-555-0191')).toMatchObject({
      tty: '1-506-555-0192',
      hours: 'Mon-Fri 8:00-18:00',
      languages: ['en', 'fr'],
    });
    // An online channel speaks the languages of its points.
    expect(after.find((c) => c.url === 'https://health.example.org/nb')?.languages).toEqual(['en', 'fr']);
    // The HSDS reader also takes each service's name for a category label, so categories may only grow.
    for (const c of after)
      expect(c.categories).toEqual(
        expect.arrayContaining(expected.find((o) => o.url === c.url && o.phone === c.phone)!.categories),
      );

    // The points come back with their place, categories, own numbers and own hours, and no call centre's hours.
    const q = (feedId: string) =>
      t.db.query<{
        name_en: string;
        lon: number;
        lat: number;
        phone: string | null;
        categories: string[];
        hours: { weekly?: unknown } | null;
      }>(
        'SELECT name_en, lon, lat, phone, categories, hours FROM service_points WHERE feed_id = $1 AND is_published ORDER BY name_en',
        [feedId],
      );
    const [a, b] = [(await q(src.id)).rows, (await q(back.id)).rows];
    expect(b.map((p) => [p.name_en, p.lon, p.lat, p.hours?.weekly ?? null])).toEqual(
      a.map((p) => [p.name_en, p.lon, p.lat, p.hours?.weekly ?? null]),
    );
    expect(a.filter((p) => p.hours?.weekly).length).toBe(2);
    b.forEach((p, i) => {
      expect(p.categories).toEqual(expect.arrayContaining(a[i]!.categories));
      // A point without a number of its own takes the number of a service offered there, as the reader does for any HSDS feed.
      if (a[i]!.phone) expect(p.phone).toBe(a[i]!.phone);
    });

    // Once more, from the feed read back (its channels now come from HSDS services, not CSV columns): nothing changes.
    const second = await request(app).get('/hsds/export').query({ feed: back.id });
    fs.writeFileSync(exported, JSON.stringify(second.body.services));
    const again = spec('test-roundtrip-again');
    expect(
      (await importFeedFile(t.db, again, exported, { originalName: 'roundtrip-export.json', publish: true })).status,
    ).toBe('published');
    const withCategories = (c: ChannelOut) => ({ ...comparable(c), categories: c.categories });
    expect((await feedChannels(again.id)).map(withCategories)).toEqual(after.map(withCategories));
  });
});
