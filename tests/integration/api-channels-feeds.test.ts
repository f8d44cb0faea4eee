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
const spec = (id: string, jurisdiction_id = 'ca-nb'): FeedSpec => ({ id, jurisdiction_id, name_en: `Test ${id}`, name_fr: `Essai ${id}`, format: 'csv', licence: 'Test licence' });

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
    return (res.body.results as ChannelOut[]).filter((c) => c.source.feed_id === feedId).sort((a, b) => a.kind.localeCompare(b.kind));
  };

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    app = testApp(t.db);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'channels-feeds-'));
  }, 120_000);

  afterAll(async () => {
    await t?.cleanup();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads channel columns from a CSV with French headers, and follows publish, replace and roll back', async () => {
    const v1 = path.join(dir, 'fr-v1.csv');
    fs.writeFileSync(v1, [
      'Nom,Adresse,Ville,Province,Latitude,Longitude,Services,URL en ligne,Téléphone du centre d’appels,ATS,Heures du centre d’appels,Langues du centre d’appels,Norme de service',
      'Centre de Bathurst (essai),1 rue Test,Bathurst,NB,47.62,-65.65,Carte santé;Permis de conduire,https://sante.example.org/nb,1-506-555-0177,506-555-0176,Lun-ven 8 h à 17 h,bilingue,Réponse en 48 heures.',
      'Centre d’Edmundston (essai),2 rue Test,Edmundston,NB,47.37,-68.33,Carte santé,https://sante.example.org/nb,1-506-555-0177,506-555-0176,Lun-ven 8 h à 17 h,bilingue,',
    ].join('\n'));
    const feed = spec('test-csv-fr');
    expect((await importFeedFile(t.db, feed, v1, { originalName: 'fr-v1.csv', publish: true })).status).toBe('published');
    const channels = await feedChannels(feed.id);
    expect(channels.map((c) => c.kind)).toEqual(['online', 'phone']);
    const [online, phone] = channels as [ChannelOut, ChannelOut];
    expect(online).toMatchObject({ url: 'https://sante.example.org/nb', categories: ['drivers_licence', 'health_card'], provinces: ['NB'] });
    expect(phone).toMatchObject({ phone: '1-506-555-0177', tty: '506-555-0176', hours: 'Lun-ven 8 h à 17 h', languages: ['en', 'fr'] });
    expect(phone.source.origin).toBe('feed');
    const standards = await t.db.query<{ text_fr: string }>("SELECT text_fr FROM service_standards WHERE feed_id = $1 AND target_kind = 'point'", [feed.id]);
    expect(standards.rows.map((r) => r.text_fr)).toEqual(['Réponse en 48 heures.']);

    // Version 2 drops the call centre: the published channels follow.
    const v2 = path.join(dir, 'fr-v2.csv');
    fs.writeFileSync(v2, ['Nom,Ville,Province,Latitude,Longitude,Services,URL en ligne', 'Centre de Bathurst (essai),Bathurst,NB,47.62,-65.65,Carte santé,https://sante.example.org/nb/v2'].join('\n'));
    expect((await importFeedFile(t.db, feed, v2, { originalName: 'fr-v2.csv', publish: true })).status).toBe('published');
    const after = await feedChannels(feed.id);
    expect(after.map((c) => [c.kind, c.url])).toEqual([['online', 'https://sante.example.org/nb/v2']]);
    expect((await t.db.query('SELECT 1 FROM service_standards WHERE feed_id = $1', [feed.id])).rows.length).toBe(0);

    // Rolling back brings version 1's channels and standards back.
    expect(await rollbackFeed(t.db, feed.id)).not.toBeNull();
    expect((await feedChannels(feed.id)).map((c) => c.kind)).toEqual(['online', 'phone']);
    expect((await t.db.query('SELECT 1 FROM service_standards WHERE feed_id = $1', [feed.id])).rows.length).toBe(1);
  });

  it('takes the same columns through the stewards’ upload API', async () => {
    const key = (await createApiKey(t.db, 'ca-nb')).key;
    const created = await request(app).post('/api/feeds').set('Authorization', `Bearer ${key}`)
      .send({ id: 'test-upload', jurisdiction_id: 'ca-nb', name_en: 'Test upload', name_fr: 'Téléversement d’essai', format: 'csv' });
    expect(created.status).toBe(201);
    const csv = ['name,city,province,lat,lon,categories,call_centre_phone,call_centre_standard_en', 'Moncton centre (test),Moncton,NB,46.09,-64.78,health_card,506-555-0155,Calls answered within 3 minutes.'].join('\n');
    const staged = await request(app).post('/api/feeds/test-upload/versions').set('Authorization', `Bearer ${key}`)
      .attach('file', Buffer.from(csv), 'upload.csv');
    expect(staged.status).toBeLessThan(300);
    // Staged only: nothing a citizen sees yet.
    expect(await feedChannels('test-upload')).toEqual([]);
    const published = await request(app).post(`/api/feeds/test-upload/versions/${staged.body.version_id}/publish`).set('Authorization', `Bearer ${key}`);
    expect(published.status).toBe(200);
    const [phone] = await feedChannels('test-upload');
    expect(phone).toMatchObject({ kind: 'phone', phone: '506-555-0155', standard: { text: 'Calls answered within 3 minutes.' } });
  });

  it('reads channel properties from GeoJSON', async () => {
    const file = path.join(dir, 'ns.geojson');
    fs.writeFileSync(file, JSON.stringify({
      type: 'FeatureCollection',
      features: [{
        type: 'Feature', geometry: { type: 'Point', coordinates: [-63.57, 44.65] },
        properties: { name: 'Halifax access centre (test)', province: 'NS', categories: 'vital_statistics', online_url: 'https://records.example.org/ns', online_url_fr: 'https://registres.example.org/ns', call_centre_phone: '902-555-0133', call_centre_languages: 'English' },
      }],
    }));
    const feed = spec('test-geojson', 'ca-ns');
    expect((await importFeedFile(t.db, feed, file, { originalName: 'ns.geojson', publish: true })).status).toBe('published');
    const [online, phone] = (await feedChannels(feed.id, 'fr')) as [ChannelOut, ChannelOut];
    expect(online).toMatchObject({ url: 'https://registres.example.org/ns', categories: ['vital_statistics'], provinces: ['NS'] });
    expect(phone).toMatchObject({ phone: '902-555-0133', languages: ['en'] });
    const who = await request(app).get('/api/who-handles').query({ category: 'vital_statistics', province: 'NS' });
    expect(who.body.results[0].handlers[0].phone[0].phone).toBe('902-555-0133');
  });

  it('reads an HSDS service offered at several locations as its online and phone channels (JSON and tabular)', async () => {
    const file = path.join(dir, 'hsds.json');
    const loc = (id: string, name: string, lat: number, lon: number) => ({
      id, location_type: 'physical', name, latitude: lat, longitude: lon,
      addresses: [{ id: `a-${id}`, address_1: '1 Test St', city: name, state_province: 'NB', postal_code: 'E3B 1A1', country: 'CA', address_type: 'physical' }],
    });
    fs.writeFileSync(file, JSON.stringify([{
      id: 'org-1', name: 'Test Service New Brunswick', description: 'Test',
      locations: [loc('l1', 'Fredericton', 45.95, -66.65), loc('l2', 'Moncton', 46.09, -64.78)],
      services: [{
        id: 's1', name: 'Health card', status: 'active', url: 'https://card.example.org/nb',
        phones: [{ id: 'p1', number: '1-506-555-0111', type: 'voice', languages: [{ id: 'g1', code: 'en' }, { id: 'g2', code: 'fr' }] }, { id: 'p2', number: '1-506-555-0112', type: 'textphone' }],
        service_at_locations: [{ id: 'x1', location_id: 'l1' }, { id: 'x2', location_id: 'l2' }],
      }],
    }]));
    const feed = spec('test-hsds-json');
    expect((await importFeedFile(t.db, feed, file, { originalName: 'hsds.json', publish: true })).status).toBe('published');
    const [online, phone] = (await feedChannels(feed.id)) as [ChannelOut, ChannelOut];
    expect(online).toMatchObject({ url: 'https://card.example.org/nb', name: 'Health card', categories: ['health_card'] });
    expect(phone).toMatchObject({ phone: '1-506-555-0111', tty: '1-506-555-0112', languages: ['en', 'fr'] });

    const pkg = path.join(dir, 'pkg');
    fs.mkdirSync(pkg);
    fs.writeFileSync(path.join(pkg, 'datapackage.json'), JSON.stringify({ name: 'test', resources: [] }));
    fs.writeFileSync(path.join(pkg, 'organizations.csv'), 'id,name,description\no1,Test Province,Test\n');
    fs.writeFileSync(path.join(pkg, 'locations.csv'), 'id,organization_id,location_type,name,latitude,longitude\nl1,o1,physical,Bathurst (test),47.62,-65.65\nl2,o1,physical,Miramichi (test),47.03,-65.5\n');
    fs.writeFileSync(path.join(pkg, 'services.csv'), 'id,organization_id,name,status,url\ns1,o1,Birth certificates,active,https://vital.example.org/nb\n');
    fs.writeFileSync(path.join(pkg, 'service_at_locations.csv'), 'id,service_id,location_id\nx1,s1,l1\nx2,s1,l2\n');
    fs.writeFileSync(path.join(pkg, 'phones.csv'), 'id,location_id,service_id,number,type\np1,l1,,506-555-0101,voice\np2,,s1,1-506-555-0100,voice\n');
    const tab = spec('test-hsds-tab');
    expect((await importFeedFile(t.db, tab, path.join(pkg, 'datapackage.json'), { originalName: 'datapackage.json', publish: true })).status).toBe('published');
    const tabChannels = await feedChannels(tab.id);
    expect(tabChannels.map((c) => [c.kind, c.url ?? c.phone])).toEqual([['online', 'https://vital.example.org/nb'], ['phone', '1-506-555-0100']]);
    // The location keeps its own number; the service's line is the channel.
    const points = await t.db.query<{ phone: string | null }>("SELECT phone FROM service_points WHERE feed_id = 'test-hsds-tab' AND is_published ORDER BY name_en");
    expect(points.rows.map((r) => r.phone)).toEqual(['506-555-0101', '506-555-0100']);
  });

  it('sends in-person points out through the HSDS export and back in; channels are not in the export yet', async () => {
    const res = await request(app).get('/hsds/export').query({ feed: 'test-hsds-json' });
    expect(res.status).toBe(200);
    const file = path.join(dir, 'export.json');
    fs.writeFileSync(file, JSON.stringify(res.body.services));
    const back = spec('test-hsds-roundtrip');
    const r = await importFeedFile(t.db, back, file, { originalName: 'export.json', publish: true });
    expect(r.status).toBe('published');
    const q = (feedId: string) =>
      t.db.query<{ name_en: string; lon: number; lat: number; categories: string[] }>(
        'SELECT name_en, lon, lat, categories FROM service_points WHERE feed_id = $1 AND is_published ORDER BY name_en', [feedId]);
    const [a, b] = [await q('test-hsds-json'), await q('test-hsds-roundtrip')];
    expect(b.rows.map((p) => [p.name_en, p.lon, p.lat])).toEqual(a.rows.map((p) => [p.name_en, p.lon, p.lat]));
    // The export writes one service per point, so a point's own contact does not turn into a channel on the way back.
    expect(await feedChannels('test-hsds-roundtrip')).toEqual([]);
  });
});
