import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Gazetteer } from '../../data-loaders/lib/gazetteer.js';
import { importFeedFile } from '../../data-loaders/lib/import-feed.js';
import { rollbackFeed } from '../../data-loaders/lib/publish-feed.js';
import { loadNpmGazetteer } from '../../data-loaders/sources/gazetteer-npm.js';
import { FRENCH_HEADER, NB_HEADER, NB_ROWS, feedSpec, tmpDir, writeCsv } from '../fixtures/loaders/make-feeds.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';

describe.each(MODES)('feed formats through importFeedFile on %s', (mode) => {
  let t: TestDatabase;
  let gazetteer: Gazetteer;
  const dir = tmpDir();
  beforeAll(async () => {
    t = await openTestDatabase(mode);
    await loadNpmGazetteer(t.db);
    // FSA points a steward's postal codes resolve to (made up here, like the rows).
    await t.db.query(
      `INSERT INTO places (kind, name, province, lon, lat, source, source_key) VALUES
       ('postal_code', 'E1C', 'NB', -64.80, 46.10, 'test-fsa', 'E1C'), ('postal_code', 'E3B', 'NB', -66.65, 45.95, 'test-fsa', 'E3B')`,
    );
    gazetteer = await Gazetteer.fromDatabase(t.db);
  }, 180_000);
  afterAll(async () => {
    await t?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const encodings = [
    { encoding: 'utf8', delimiter: ',', eol: '\n' },
    { encoding: 'utf8bom', delimiter: ';', eol: '\r\n' },
    { encoding: 'win1252', delimiter: ';', eol: '\r\n' },
    { encoding: 'utf16le', delimiter: '\t', eol: '\r\n' },
    { encoding: 'utf16be', delimiter: ',', eol: '\n' },
  ] as const;

  it.each(encodings)('reads French headers in $encoding with "$delimiter" and keeps accents', async (o) => {
    const file = writeCsv(path.join(dir, `fr-${o.encoding}.csv`), FRENCH_HEADER, NB_ROWS, o);
    const feed = feedSpec(`enc-${o.encoding}`);
    const r = await importFeedFile(t.db, feed, file, { originalName: path.basename(file), publish: true, gazetteer });
    expect(r.status).toBe('published');
    expect(r.report.rows).toBe(3);
    expect(r.report.accepted).toBe(3);
    expect(r.report.columns).toMatchObject({
      name: 'Nom du site',
      phone: 'Téléphone',
      lat: 'Latitude',
      hours: 'Heures d’ouverture',
    });
    const rows = await t.db.query<{
      name_en: string;
      geocode_quality: string;
      categories: string[];
      languages: string[];
      phone: string | null;
      province: string;
    }>(
      'SELECT name_en, geocode_quality, categories, languages, phone, province FROM service_points WHERE feed_id = $1 AND is_published ORDER BY source_id',
      [feed.id],
    );
    expect(rows.rows.map((x) => x.name_en)).toEqual(NB_ROWS.map((x) => x[1]));
    expect(rows.rows.map((x) => x.geocode_quality)).toEqual(['source', 'postal_code', 'community']);
    expect(rows.rows[0]!.phone).toBe('506-453-2612');
    expect(rows.rows[0]!.languages.sort()).toEqual(['en', 'fr']);
    expect(rows.rows.every((x) => x.province === 'NB')).toBe(true);
  });

  it('takes an explicit column mapping over the synonyms, either way round', async () => {
    const header = ['Site', 'Where', 'Town', 'Prov', 'Y', 'X'];
    const file = writeCsv(path.join(dir, 'odd.csv'), header, [
      ['Odd office', '1 Odd St', 'Fredericton', 'NB', '45.96', '-66.64'],
    ]);
    const r = await importFeedFile(t.db, feedSpec('odd-headers'), file, {
      originalName: 'odd.csv',
      publish: true,
      gazetteer,
      mapping: { name: 'Site', Where: 'address', city: 'Town' },
    });
    expect(r.status).toBe('published');
    expect(r.report.columns).toMatchObject({ name: 'Site', address: 'Where', city: 'Town', lat: 'Y', lon: 'X' });
    expect(r.report.located).toBe(1);
  });

  it('reads quoted multi-line addresses and finds the postal code inside them', async () => {
    const file = path.join(dir, 'multiline.csv');
    fs.writeFileSync(file, 'name,address\n"Office A","1 Main St\nMoncton, New Brunswick\nE1C1E8"\n');
    const r = await importFeedFile(t.db, feedSpec('multiline'), file, {
      originalName: 'multiline.csv',
      publish: true,
      gazetteer,
    });
    expect(r.report.accepted).toBe(1);
    expect(r.report.geocode.postal_code).toBe(1);
    const row = await t.db.query<{ city: string; postal_code: string }>(
      "SELECT city, postal_code FROM service_points WHERE feed_id = 'multiline'",
    );
    expect(row.rows[0]).toEqual({ city: 'Moncton', postal_code: 'E1C 1E8' });
  });

  it('keeps a row whose service names no known category, drops that label and warns in both languages', async () => {
    const file = writeCsv(
      path.join(dir, 'unknown-category.csv'),
      ['id', 'name', 'city', 'province', 'lat', 'lon', 'services'],
      [
        [
          'U1',
          'Odd services office',
          'Fredericton',
          'NB',
          '45.96',
          '-66.64',
          'Passeports; Underwater basket weaving; carte santé',
        ],
        ['U2', 'Known services office', 'Fredericton', 'NB', '45.95', '-66.65', 'passport'],
      ],
    );
    const r = await importFeedFile(t.db, feedSpec('unknown-category'), file, {
      originalName: 'unknown-category.csv',
      publish: true,
      gazetteer,
    });
    expect(r.status).toBe('published');
    expect(r.report.accepted).toBe(2);
    expect(r.report.byCode).toEqual({ unknown_category: 1 });
    expect(r.report.issues).toEqual([
      expect.objectContaining({
        row: 1,
        field: 'categories',
        value: 'Underwater basket weaving',
        severity: 'warning',
        message_en: 'Unknown service category; ignored.',
        message_fr: 'Catégorie de service inconnue; ignorée.',
      }),
    ]);
    const rows = await t.db.query<{ source_id: string; categories: string[]; given: string[] | null }>(
      "SELECT source_id, categories, extra->'categories_as_given' AS given FROM service_points WHERE feed_id = 'unknown-category' AND is_published ORDER BY source_id",
    );
    // No made-up category: only the taxonomy's codes reach the point, the label as given is kept aside.
    expect(rows.rows).toEqual([
      { source_id: 'U1', categories: ['passport', 'health_card'], given: ['Underwater basket weaving'] },
      { source_id: 'U2', categories: ['passport'], given: null },
    ]);
  });

  it('reads a GeoJSON FeatureCollection with mapped properties, swapped and out-of-range coordinates reported', async () => {
    const file = path.join(dir, 'points.geojson');
    const features = [
      {
        type: 'Feature',
        id: 'a',
        properties: { NOM: 'Bureau A', VILLE: 'Fredericton' },
        geometry: { type: 'Point', coordinates: [-66.64, 45.96] },
      },
      {
        type: 'Feature',
        id: 'b',
        properties: { NOM: 'Bureau B' },
        geometry: { type: 'Point', coordinates: [45.96, -66.64] },
      },
      {
        type: 'Feature',
        id: 'c',
        properties: { NOM: 'Bureau C', VILLE: 'Moncton', PROV: 'NB' },
        geometry: { type: 'Point', coordinates: [-64.8, 100] },
      },
      { type: 'Feature', id: 'd', properties: { NOM: '' }, geometry: null },
    ];
    fs.writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }));
    const r = await importFeedFile(t.db, feedSpec('geojson'), file, {
      originalName: 'points.geojson',
      publish: true,
      gazetteer,
    });
    expect(r.status).toBe('published');
    expect(r.report.rows).toBe(4);
    expect(r.report.accepted).toBe(3);
    expect(r.report.byCode).toMatchObject({ coordinates_swapped: 1, latitude_out_of_range: 1, missing_name: 1 });
    // Latitude 100 never reaches PostGIS: the point is located from its community instead.
    const c = await t.db.query<{ lat: number; geocode_quality: string }>(
      "SELECT lat, geocode_quality FROM service_points WHERE feed_id = 'geojson' AND name_en = 'Bureau C'",
    );
    expect(c.rows[0]!.geocode_quality).toBe('community');
    expect(c.rows[0]!.lat).toBeLessThan(90);
  });

  it('reads HSDS 3.0 JSON, reports schema findings and out-of-range coordinates, keeps the service as categories', async () => {
    const file = path.join(dir, 'hsds.json');
    const org = {
      id: '4b0a4c8e-5f6a-4b8e-9d2e-1f2a3b4c5d6e',
      name: 'Service New Brunswick',
      description: 'Provincial services',
      website: 'https://example.ca',
      locations: [
        {
          id: 'b6f1d1a2-0c1e-4f3b-8a6d-2e3f4a5b6c7d',
          location_type: 'physical',
          name: 'SNB Fredericton',
          latitude: 45.96,
          longitude: -66.64,
          addresses: [
            {
              id: 'a1',
              address_1: '432 Queen St',
              city: 'Fredericton',
              state_province: 'NB',
              postal_code: 'E3B 1B6',
              country: 'CA',
              address_type: 'physical',
            },
          ],
          schedules: [{ id: 's1', byday: 'MO,TU,WE,TH,FR', opens_at: '08:30', closes_at: '16:30' }],
        },
        {
          id: 'c7e2e2b3-1d2f-4a4c-9b7e-3f4a5b6c7d8e',
          location_type: 'physical',
          name: 'SNB Nowhere',
          latitude: 145.2,
          longitude: -266.6,
          addresses: [
            {
              id: 'a2',
              address_1: '1 Main',
              city: 'Moncton',
              state_province: 'NB',
              postal_code: 'E1C 1E8',
              country: 'CA',
              address_type: 'physical',
            },
          ],
        },
        {
          id: 'd8f3f3c4-2e3a-4b5d-8c8f-4a5b6c7d8e9f',
          location_type: 'virtual',
          name: 'SNB online',
          url: 'https://example.ca',
        },
      ],
      services: [
        {
          id: 'e9a4a4d5-3f4b-4c6e-9d9a-5b6c7d8e9fa0',
          name: 'Driver’s licence',
          status: 'active',
          service_at_locations: [{ id: 'sal-1', location_id: 'b6f1d1a2-0c1e-4f3b-8a6d-2e3f4a5b6c7d' }],
        },
      ],
    };
    fs.writeFileSync(file, JSON.stringify([org]));
    const r = await importFeedFile(t.db, feedSpec('hsds-json'), file, {
      originalName: 'hsds.json',
      publish: true,
      gazetteer,
    });
    expect(r.status).toBe('published');
    expect(r.report.format?.format).toBe('hsds');
    expect(r.report.rows).toBe(3);
    expect(r.report.accepted).toBe(2);
    expect(r.report.byCode['virtual_location']).toBe(1);
    expect(r.report.byCode['latitude_out_of_range']).toBe(1);
    // Ids that are not UUIDs are a schema finding (a warning), not a rejection.
    expect(r.report.byCode['schema_violation']).toBeGreaterThan(0);
    const rows = await t.db.query<{
      name_en: string;
      categories: string[];
      hours: { weekly?: unknown[] } | null;
      geocode_quality: string;
    }>(
      "SELECT name_en, categories, hours, geocode_quality FROM service_points WHERE feed_id = 'hsds-json' ORDER BY name_en",
    );
    expect(rows.rows[0]).toMatchObject({
      name_en: 'SNB Fredericton',
      categories: ['drivers_licence'],
      geocode_quality: 'source',
    });
    expect(rows.rows[0]!.hours?.weekly).toHaveLength(5);
    expect(rows.rows[1]).toMatchObject({ name_en: 'SNB Nowhere', geocode_quality: 'postal_code' });
  });

  it('reads an HSDS tabular data package (datapackage.json + CSVs)', async () => {
    const pkg = path.join(dir, 'hsds-package');
    fs.mkdirSync(pkg);
    fs.writeFileSync(
      path.join(pkg, 'datapackage.json'),
      JSON.stringify({
        name: 'test',
        resources: [
          { name: 'organizations', path: 'organizations.csv' },
          { name: 'locations', path: 'locations.csv' },
          { name: 'services', path: 'services.csv' },
          { name: 'service_at_locations', path: 'service_at_locations.csv' },
          { name: 'addresses', path: 'addresses.csv' },
          { name: 'phones', path: 'phones.csv' },
        ],
      }),
    );
    fs.writeFileSync(
      path.join(pkg, 'organizations.csv'),
      'id,name,description\no1,Ville de Moncton,Services municipaux\n',
    );
    fs.writeFileSync(
      path.join(pkg, 'locations.csv'),
      'id,organization_id,location_type,name,latitude,longitude\nl1,o1,physical,Hôtel de ville,46.0878,-64.7782\nl2,o1,physical,Centre communautaire,,\nl3,o9,physical,,46.1,-64.8\n',
    );
    fs.writeFileSync(path.join(pkg, 'services.csv'), 'id,organization_id,name,status\ns1,o1,Permits,active\n');
    fs.writeFileSync(path.join(pkg, 'service_at_locations.csv'), 'id,service_id,location_id\nx1,s1,l1\nx2,s404,l2\n');
    fs.writeFileSync(
      path.join(pkg, 'addresses.csv'),
      'id,location_id,address_1,city,state_province,postal_code,country,address_type\nad2,l2,1 Rue,Moncton,NB,E1C 1E8,CA,physical\n',
    );
    fs.writeFileSync(path.join(pkg, 'phones.csv'), 'id,location_id,number\np1,l1,506 853 3333\n');
    const r = await importFeedFile(t.db, feedSpec('hsds-tabular', 'ca'), path.join(pkg, 'datapackage.json'), {
      originalName: 'datapackage.json',
      publish: true,
      gazetteer,
    });
    expect(r.status).toBe('published');
    expect(r.report.rows).toBe(3);
    expect(r.report.accepted).toBe(2);
    expect(r.report.byCode).toMatchObject({ missing_name: 1, unresolved_reference: 2 });
    const rows = await t.db.query<{
      name_en: string;
      organization: string;
      phone: string | null;
      geocode_quality: string;
    }>(
      "SELECT name_en, organization, phone, geocode_quality FROM service_points WHERE feed_id = 'hsds-tabular' ORDER BY source_id",
    );
    expect(rows.rows).toEqual([
      { name_en: 'Hôtel de ville', organization: 'Ville de Moncton', phone: '506-853-3333', geocode_quality: 'source' },
      {
        name_en: 'Centre communautaire',
        organization: 'Ville de Moncton',
        phone: null,
        geocode_quality: 'postal_code',
      },
    ]);
  });

  it('stages without publishing, then re-loading identical content changes nothing, and rollback republishes the previous version', async () => {
    const feed = feedSpec('versions');
    const v1 = writeCsv(path.join(dir, 'v1.csv'), NB_HEADER, NB_ROWS.slice(0, 2));
    const v2 = writeCsv(path.join(dir, 'v2.csv'), NB_HEADER, NB_ROWS);
    const staged = await importFeedFile(t.db, feed, v1, { originalName: 'v1.csv', publish: false, gazetteer });
    expect(staged.status).toBe('staged');
    const visible = async () =>
      (
        await t.db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM service_points WHERE feed_id = $1 AND is_published',
          [feed.id],
        )
      ).rows[0]!.n;
    expect(await visible()).toBe(0);
    const p1 = await importFeedFile(t.db, feed, v1, { originalName: 'v1.csv', publish: true, gazetteer });
    expect(p1.status).toBe('published');
    const same = await importFeedFile(t.db, feed, v1, { originalName: 'again.csv', publish: true, gazetteer });
    expect(same).toMatchObject({ status: 'unchanged', versionId: p1.versionId });
    const p2 = await importFeedFile(t.db, feed, v2, { originalName: 'v2.csv', publish: true, gazetteer });
    expect(p2.status).toBe('published');
    expect(await visible()).toBe(3);
    const back = await rollbackFeed(t.db, feed.id);
    expect(back).toEqual({ rolledBack: p2.versionId, published: p1.versionId });
    expect(await visible()).toBe(2);
    const statuses = await t.db.query<{ id: number; status: string }>(
      'SELECT id, status FROM feed_versions WHERE feed_id = $1 ORDER BY id',
      [feed.id],
    );
    expect(statuses.rows.map((s) => s.status)).toEqual(['staged', 'published', 'rolled_back']);
  });

  it('records a file rejected as a whole as a failed version and stores nothing else', async () => {
    const feed = feedSpec('rejected');
    const file = writeCsv(
      path.join(dir, 'no-names.csv'),
      ['name', 'city'],
      [
        ['', 'Moncton'],
        ['', 'Fredericton'],
      ],
    );
    const r = await importFeedFile(t.db, feed, file, { originalName: 'no-names.csv', publish: true, gazetteer });
    expect(r.status).toBe('failed');
    expect(r.report.byCode['all_rows_rejected']).toBe(1);
    const v = await t.db.query<{ status: string; rows_read: number; report: { counts: { rejected: number } } }>(
      'SELECT status, rows_read, report FROM feed_versions WHERE feed_id = $1',
      [feed.id],
    );
    expect(v.rows).toHaveLength(1);
    expect(v.rows[0]).toMatchObject({ status: 'failed', rows_read: 2 });
    expect(v.rows[0]!.report.counts.rejected).toBe(2);
    const points = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM service_points WHERE feed_id = $1', [
      feed.id,
    ]);
    expect(points.rows[0]!.n).toBe(0);
  });

  it('flags the same office published by two jurisdictions as a pair, keeps both, and keeps the pair across a re-import', async () => {
    const header = ['id', 'name', 'lat', 'lon'];
    const fed = writeCsv(path.join(dir, 'fed.csv'), header, [
      ['1', 'Service Canada Centre Bathurst', '47.6186', '-65.6511'],
    ]);
    const prov = writeCsv(path.join(dir, 'prov.csv'), header, [
      ['9', 'Service Canada Centre - Bathurst', '47.6190', '-65.6505'],
      ['10', 'Far away office', '46.5', '-66.0'],
    ]);
    await importFeedFile(t.db, feedSpec('pair-fed', 'ca'), fed, { originalName: 'fed.csv', publish: true, gazetteer });
    await importFeedFile(t.db, feedSpec('pair-prov', 'ca-nb'), prov, {
      originalName: 'prov.csv',
      publish: true,
      gazetteer,
    });
    const pairs = async () =>
      (
        await t.db.query<{ kind: string; distance_m: number; first_seen_at: string }>(
          "SELECT kind, distance_m, first_seen_at::text FROM point_pairs WHERE a_feed_id IN ('pair-fed', 'pair-prov') AND b_feed_id IN ('pair-fed', 'pair-prov')",
        )
      ).rows;
    const first = await pairs();
    expect(first).toHaveLength(1);
    expect(first[0]!.kind).toBe('duplicate');
    expect(first[0]!.distance_m).toBeLessThan(100);
    // Both offices stay published: a pair is a finding for analysts, never a silent merge.
    const published = await t.db.query<{ feed_id: string; name_en: string }>(
      "SELECT feed_id, name_en FROM service_points WHERE is_published AND feed_id IN ('pair-fed', 'pair-prov') AND name_en LIKE '%Bathurst%' ORDER BY feed_id",
    );
    expect(published.rows).toEqual([
      { feed_id: 'pair-fed', name_en: 'Service Canada Centre Bathurst' },
      { feed_id: 'pair-prov', name_en: 'Service Canada Centre - Bathurst' },
    ]);
    const prov2 = writeCsv(path.join(dir, 'prov2.csv'), header, [
      ['9', 'Service Canada Centre - Bathurst', '47.6190', '-65.6505'],
      ['11', 'Another far office', '46.4', '-66.1'],
    ]);
    await importFeedFile(t.db, feedSpec('pair-prov', 'ca-nb'), prov2, {
      originalName: 'prov2.csv',
      publish: true,
      gazetteer,
    });
    const second = await pairs();
    expect(second).toHaveLength(1);
    expect(second[0]!.first_seen_at).toBe(first[0]!.first_seen_at);
  });
});
