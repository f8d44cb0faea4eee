import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hsdsFindings, HSDS_SCHEMA_DIR, HSDS_SCHEMAS } from '../../data-loaders/lib/hsds-schemas.js';
import { importFeedFile } from '../../data-loaders/lib/import-feed.js';
import { publishFixtureFeeds } from '../fixtures/analysis-fixture.js';
import { testApp } from '../support/test-app.js';
import { MODES, openTestDatabase, SHARED_DATA, type TestDatabase } from '../support/test-database.js';

/** The official files as published (../shared/hsds-3.0, tag v3.0), when present. */
const OFFICIAL = SHARED_DATA ? path.resolve(SHARED_DATA, '..', 'hsds-3.0') : null;
const official = OFFICIAL && fs.existsSync(path.join(OFFICIAL, 'schema')) ? OFFICIAL : null;
if (!official) console.warn('Skipping the comparisons with ../shared/hsds-3.0: it is not present.');
const examples = official ? path.join(official, 'examples') : '';
const read = (f: string) => JSON.parse(fs.readFileSync(path.join(examples, f), 'utf8')) as Record<string, unknown>;

describe('the official HSDS 3.0 schemas', () => {
  it('ship with the product, with their licence and source', () => {
    const dir = path.dirname(HSDS_SCHEMA_DIR);
    expect(fs.readFileSync(path.join(dir, 'LICENSE'), 'utf8')).toContain('Attribution-ShareAlike 4.0');
    expect(fs.readFileSync(path.join(dir, 'SOURCE.md'), 'utf8')).toContain('c457a0e3ecb0cfe43525ea8bcdbfd62542ed6730');
    expect(HSDS_SCHEMAS).toEqual(
      expect.arrayContaining([
        'organization',
        'service',
        'service_at_location',
        'location',
        'address',
        'phone',
        'schedule',
        'taxonomy_term',
      ]),
    );
    expect(HSDS_SCHEMAS).toHaveLength(21);
  });

  it.skipIf(!official)('are byte for byte the published files (unmodified)', () => {
    const published = fs
      .readdirSync(path.join(official!, 'schema'))
      .filter((f) => f.endsWith('.json'))
      .sort();
    expect(
      fs
        .readdirSync(HSDS_SCHEMA_DIR)
        .filter((f) => f.endsWith('.json'))
        .sort(),
    ).toEqual(published);
    for (const f of published)
      expect(
        fs.readFileSync(path.join(HSDS_SCHEMA_DIR, f)).equals(fs.readFileSync(path.join(official!, 'schema', f))),
        f,
      ).toBe(true);
    expect(
      fs
        .readFileSync(path.join(path.dirname(HSDS_SCHEMA_DIR), 'LICENSE'))
        .equals(fs.readFileSync(path.join(official!, 'LICENSE'))),
    ).toBe(true);
  });

  it('find what is wrong with a record, through the references between schemas', () => {
    expect(hsdsFindings('service', { name: 'x' })).toEqual(
      expect.arrayContaining(['/: missing id', '/: missing status']),
    );
    expect(hsdsFindings('service', { id: 'not-a-uuid', name: 'x', status: 'active' })).toEqual([
      '/id: must match format "uuid"',
    ]);
    // A phone inside a service is checked by phone.json.
    const phone = hsdsFindings('service', {
      id: '2b1d8f6e-4c2a-4f0e-9d1c-0a6b5e3f7c21',
      name: 'x',
      status: 'active',
      phones: [{ id: '3c2e9f7a-5d3b-4a1f-8e2d-1b7c6f4a8d32' }],
    });
    expect(phone).toEqual(['/phones/0: missing number']);
  });

  it.skipIf(!official)('accept every official example', () => {
    const single: Record<string, string> = {
      'organization_full.json': 'organization',
      'service_full.json': 'service',
      'location.json': 'location',
      'service_at_location_full.json': 'service_at_location',
      'taxonomy.json': 'taxonomy',
      'taxonomy_term.json': 'taxonomy_term',
    };
    for (const [file, schema] of Object.entries(single)) expect(hsdsFindings(schema, read(file)), file).toEqual([]);
    for (const file of [
      'organization_list.json',
      'service_list.json',
      'service_at_location_list.json',
      'taxonomy_list.json',
      'taxonomy_term_list.json',
    ]) {
      const page = read(file) as { contents: unknown[] };
      expect(page.contents.length, file).toBeGreaterThan(0);
      for (const item of page.contents) expect(hsdsFindings(file.replace('_list.json', ''), item), file).toEqual([]);
    }
  });
});

describe.each(MODES)('HSDS 3.0 uploads and export against the official schemas on %s', (mode) => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  beforeAll(async () => {
    t = await openTestDatabase(mode);
    await publishFixtureFeeds(t.db);
    app = testApp(t.db);
  });
  afterAll(() => t?.cleanup());

  it('our export and our service pages validate against the official schemas', async () => {
    const exported = await request(app).get('/hsds/export').expect(200);
    const services = exported.body.services as { id: string }[];
    expect(services.length).toBeGreaterThan(0);
    for (const s of services) expect(hsdsFindings('service', s), s.id).toEqual([]);
    for (const o of exported.body.organizations as unknown[]) expect(hsdsFindings('organization', o)).toEqual([]);
    const page = await request(app).get('/hsds/services?per_page=50').expect(200);
    for (const s of page.body.contents as { id: string }[]) {
      expect(hsdsFindings('service', s), s.id).toEqual([]);
      const one = await request(app).get(`/hsds/services/${s.id}`).expect(200);
      expect(hsdsFindings('service', one.body)).toEqual([]);
    }
  });

  /**
   * The official examples describe an invented place ("MyCity", "MyState",
   * latitude 100, a UK phone number), so the loader keeps each record and
   * reports, as warnings, exactly what a Canadian service point needs and
   * they lack; none of them is a schema finding.
   */
  it.skipIf(!official)(
    'the official examples load; every finding is about the invented place, none about the schema',
    async () => {
      const expected = [
        'invalid_phone',
        'invalid_postal_code',
        'invalid_province',
        'latitude_out_of_range',
        'not_located',
        'unknown_category',
      ];
      for (const file of ['organization_full.json', 'service_full.json', 'service_at_location_full.json']) {
        const id = `hsds-example-${file.replace(/_|\.json/g, (m) => (m === '_' ? '-' : ''))}`;
        const r = await importFeedFile(
          t.db,
          { id, jurisdiction_id: 'ca', name_en: file, name_fr: file, format: 'hsds' },
          path.join(examples, file),
          { originalName: file, publish: true },
        );
        expect(r.status, file).toBe('published');
        expect(r.report.accepted, file).toBe(1);
        expect(r.report.byCode['schema_violation'], file).toBeUndefined();
        expect(Object.keys(r.report.byCode).sort(), file).toEqual(expected);
      }
    },
  );
});
