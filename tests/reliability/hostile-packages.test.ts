import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFeedFile } from '../../data-loaders/lib/import-feed.js';
import { packagePath } from '../../data-loaders/lib/read-feed-hsds.js';
import { LoadReport } from '../../data-loaders/lib/load-report.js';
import { readFeedHsds } from '../../data-loaders/lib/read-feed-hsds.js';
import { streamJsonElements } from '../../data-loaders/lib/stream-json-elements.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finder-hostile-pkg-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const LOCATIONS =
  'id,organization_id,location_type,name,latitude,longitude\nl1,o1,physical,Outside office,46.0878,-64.7782\n';

describe('HSDS data package resource paths stay inside the package', () => {
  it('refuses ../, absolute paths, URLs and backslashes, and resolves plain names inside', () => {
    const pkg = path.join(dir, 'pkg-unit');
    fs.mkdirSync(path.join(pkg, 'tables'), { recursive: true });
    for (const bad of [
      '../locations.csv',
      'tables/../../locations.csv',
      '/etc/passwd',
      'file:///etc/passwd',
      'https://example.org/x.csv',
      '..\\locations.csv',
      '',
    ]) {
      expect(packagePath(pkg, bad), bad).toBeNull();
    }
    expect(packagePath(pkg, 'locations.csv')).toBe(path.join(pkg, 'locations.csv'));
    expect(packagePath(pkg, 'tables/locations.csv')).toBe(path.join(pkg, 'tables', 'locations.csv'));
  });

  it('refuses a symbolic link inside the package that leads out of it', () => {
    const pkg = path.join(dir, 'pkg-link');
    fs.mkdirSync(pkg);
    fs.writeFileSync(path.join(dir, 'outside.csv'), LOCATIONS);
    fs.symlinkSync(path.join(dir, 'outside.csv'), path.join(pkg, 'linked.csv'));
    expect(packagePath(pkg, 'linked.csv')).toBeNull();
  });
});

describe.each(MODES)('a hostile HSDS package on %s', (mode) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(mode);
  });
  afterAll(() => t?.cleanup());

  it('never reads a file outside the package that datapackage.json points at', async () => {
    const secret = path.join(dir, `secret-${mode}`);
    fs.mkdirSync(secret);
    fs.writeFileSync(path.join(secret, 'locations.csv'), LOCATIONS);
    const pkg = path.join(dir, `pkg-escape-${mode}`);
    fs.mkdirSync(pkg);
    fs.writeFileSync(
      path.join(pkg, 'datapackage.json'),
      JSON.stringify({
        name: 'escape',
        resources: [
          { name: 'locations', path: `../secret-${mode}/locations.csv` },
          { name: 'organizations', path: path.join(secret, 'locations.csv') },
        ],
      }),
    );
    const r = await importFeedFile(
      t.db,
      { id: 'ca-nb-escape', jurisdiction_id: 'ca-nb', name_en: 'Escape', name_fr: 'Évasion', format: 'hsds' },
      path.join(pkg, 'datapackage.json'),
      { originalName: 'datapackage.json', publish: true },
    );
    expect(r.status).toBe('failed');
    expect(r.report.issues.filter((i) => i.field === 'datapackage.json' && i.code === 'schema_violation')).toHaveLength(
      2,
    );
    const rows = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM service_points WHERE name_en = 'Outside office'`,
    );
    expect(rows.rows[0]?.n).toBe(0);
  });
});

describe('JSON nesting and size limits', () => {
  it('reports an element nested deeper than 64 levels and reads the next one', async () => {
    const file = path.join(dir, 'deep.json');
    fs.writeFileSync(
      file,
      `[{"a":${'['.repeat(65)}${']'.repeat(65)}},{"b":${'['.repeat(60)}${']'.repeat(60)}},{"c":1}]`,
    );
    const bad: string[] = [];
    const got: unknown[] = [];
    for await (const el of streamJsonElements(file, { keys: [], onBadElement: (_i, m) => bad.push(m) }))
      got.push(el.index);
    expect(bad).toEqual(['element nested deeper than 64 levels']);
    expect(got).toEqual([1, 2]);
  });

  it('refuses a single HSDS object nested too deep without parsing it', async () => {
    const file = path.join(dir, 'single-deep.json');
    fs.writeFileSync(file, `{"id":"s1","name":"x","status":"active","x":${'{"y":'.repeat(100)}1${'}'.repeat(100)}}`);
    const report = new LoadReport();
    const rows = [];
    for await (const r of readFeedHsds(file, { report })) rows.push(r);
    expect(rows).toEqual([]);
    expect(JSON.stringify(report.toJSON())).toContain('nested deeper than 64 levels');
  });

  it('does not read a single HSDS object of several megabytes whole', async () => {
    const file = path.join(dir, 'single-large.json');
    fs.writeFileSync(file, `{"id":"s1","name":"x","status":"active","description":"${'d'.repeat(5 * 1024 * 1024)}"}`);
    const report = new LoadReport();
    for await (const r of readFeedHsds(file, { report })) void r;
    expect(JSON.stringify(report.toJSON())).toContain('larger than 4 MB is not read');
  });
});
