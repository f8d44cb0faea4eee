import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Gazetteer } from '../../data-loaders/lib/gazetteer.js';
import { importFeedFile } from '../../data-loaders/lib/import-feed.js';
import { LoadReport } from '../../data-loaders/lib/load-report.js';
import type { RowIssue } from '../../data-loaders/lib/row-issue.js';
import { feedSpec, tmpDir, writeCsv } from '../fixtures/loaders/make-feeds.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';

const HEADER = ['id', 'name', 'address', 'city', 'province', 'postal_code', 'phone', 'email', 'website', 'lat', 'lon'];
const FIXTURE = path.resolve('tests/fixtures/loaders/nb-centres-win1252.csv');

/** A valid New Brunswick office; `over` replaces some of its cells. */
function office(i: number, over: Partial<Record<(typeof HEADER)[number], string>> = {}): string[] {
  const base: Record<string, string> = {
    id: `V${i}`,
    name: `Centre ${i}`,
    address: `${i} Queen St`,
    city: 'Fredericton',
    province: 'NB',
    postal_code: 'E3B 1B6',
    phone: '506-453-2612',
    email: `c${i}@example.ca`,
    website: 'https://example.ca/',
    lat: (45.96 + i * 0.001).toFixed(4),
    lon: (-66.64 - i * 0.001).toFixed(4),
  };
  return HEADER.map((h) => over[h] ?? base[h]!);
}

/** Each case: one row of the file (data rows numbered from 1), the one issue it must raise, and whether the row is stored. */
const CASES: {
  label: string;
  over: Partial<Record<string, string>>;
  field: string;
  code: string;
  severity: 'error' | 'warning';
  stored: boolean;
}[] = [
  {
    label: 'invalid phone',
    over: { phone: 'call the front desk' },
    field: 'phone',
    code: 'invalid_phone',
    severity: 'warning',
    stored: true,
  },
  {
    label: 'invalid e-mail',
    over: { email: 'info at example dot ca' },
    field: 'email',
    code: 'invalid_email',
    severity: 'warning',
    stored: true,
  },
  {
    label: 'invalid URL',
    over: { website: 'javascript:alert(1)' },
    field: 'website',
    code: 'invalid_url',
    severity: 'warning',
    stored: true,
  },
  {
    label: 'invalid postal code',
    over: { postal_code: '123 456' },
    field: 'postal_code',
    code: 'invalid_postal_code',
    severity: 'warning',
    stored: true,
  },
  {
    label: 'HTML removed',
    over: { name: '<b>Centre</b> <i>Gras</i>' },
    field: 'name',
    code: 'html_removed',
    severity: 'warning',
    stored: true,
  },
  {
    label: 'HTML removed from an address',
    over: { address: '1 Queen St<br>Suite 2' },
    field: 'address',
    code: 'html_removed',
    severity: 'warning',
    stored: true,
  },
  {
    label: 'control characters removed',
    over: { city: 'Frede\u0007ricton' },
    field: 'city',
    code: 'text_cleaned',
    severity: 'warning',
    stored: true,
  },
  {
    label: 'text-direction controls',
    over: { name: 'Centre \u202Ecod.exe' },
    field: 'name',
    code: 'bidi_control',
    severity: 'error',
    stored: false,
  },
  {
    label: 'direction isolate in a website',
    over: { website: 'https://example.ca/\u2066x' },
    field: 'website',
    code: 'bidi_control',
    severity: 'error',
    stored: false,
  },
  {
    label: 'missing name',
    over: { name: '   ' },
    field: 'name',
    code: 'missing_name',
    severity: 'error',
    stored: false,
  },
];

describe.each(MODES)('row validation through importFeedFile on %s', (mode) => {
  let t: TestDatabase;
  const dir = tmpDir('finder-validation-');
  const empty = new Gazetteer();
  beforeAll(async () => {
    t = await openTestDatabase(mode);
  }, 180_000);
  afterAll(async () => {
    await t?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const storedIds = async (feedId: string) =>
    (
      await t.db.query<{ source_id: string }>(
        'SELECT source_id FROM service_points WHERE feed_id = $1 AND is_published ORDER BY source_id',
        [feedId],
      )
    ).rows.map((r) => r.source_id);

  function expectBilingual(i: RowIssue) {
    expect(i.message_en.trim().length, i.code).toBeGreaterThan(0);
    expect(i.message_fr.trim().length, i.code).toBeGreaterThan(0);
    expect(i.message_fr, i.code).not.toBe(i.message_en);
  }

  describe('one finding per row', () => {
    // Row 1 is clean and has a quoted two-line address, so row numbers count records, not lines.
    const rows = [office(0, { address: '1 Queen St\nSuite 100' }), ...CASES.map((c, i) => office(i + 1, c.over))];
    let result: Awaited<ReturnType<typeof importFeedFile>>;
    beforeAll(async () => {
      const file = writeCsv(path.join(dir, 'cases.csv'), HEADER, rows);
      result = await importFeedFile(t.db, feedSpec('validation-cases'), file, {
        originalName: 'cases.csv',
        publish: true,
        gazetteer: empty,
      });
    });

    it('publishes the file and counts rows, rejections and warnings', () => {
      expect(result.status).toBe('published');
      expect(result.report.rows).toBe(rows.length);
      expect(result.report.rejected).toBe(CASES.filter((c) => !c.stored).length);
      expect(result.report.accepted).toBe(rows.length - result.report.rejected);
      expect(result.report.warned).toBe(CASES.filter((c) => c.stored).length);
      expect(result.report.issues.filter((i) => i.row === 1)).toEqual([]);
    });

    it.each(CASES.map((c, i) => ({ ...c, row: i + 2 })))('$label: row $row, $field, $code ($severity)', async (c) => {
      const issues = result.report.issues.filter((i) => i.row === c.row);
      expect(issues, JSON.stringify(issues)).toHaveLength(1);
      const issue = issues[0]!;
      expect(issue).toMatchObject({ row: c.row, field: c.field, code: c.code, severity: c.severity });
      expectBilingual(issue);
      // The value as given is kept in the issue so a steward can find it.
      const given = c.over[c.field];
      if (given && given.trim()) expect(issue.value).toBe(given);
      const ids = await storedIds('validation-cases');
      expect(ids.includes(`V${c.row - 1}`)).toBe(c.stored);
    });

    it('stores warned rows cleaned, with the bad value left out of its column', async () => {
      const r = await t.db.query<{
        source_id: string;
        name_en: string;
        address: string;
        city: string;
        phone: string | null;
        email: string | null;
        website: string | null;
        postal_code: string | null;
        extra: Record<string, unknown>;
      }>(
        "SELECT source_id, name_en, address, city, phone, email, website, postal_code, extra FROM service_points WHERE feed_id = 'validation-cases'",
      );
      const by = new Map(r.rows.map((x) => [x.source_id, x]));
      const at = (label: string) => by.get(`V${CASES.findIndex((c) => c.label === label) + 1}`)!;
      expect(by.get('V0')).toMatchObject({
        phone: '506-453-2612',
        email: 'c0@example.ca',
        website: 'https://example.ca/',
        postal_code: 'E3B 1B6',
      });
      expect(at('invalid phone')).toMatchObject({ phone: null });
      expect(at('invalid phone').extra['phone_as_given']).toBe('call the front desk');
      expect(at('invalid e-mail').email).toBeNull();
      expect(at('invalid URL').website).toBeNull();
      expect(at('invalid postal code').postal_code).toBeNull();
      expect(at('invalid postal code').extra['postal_code_as_given']).toBe('123 456');
      expect(at('HTML removed').name_en).toBe('Centre Gras');
      expect(at('HTML removed from an address').address).toBe('1 Queen St, Suite 2');
      expect(at('control characters removed').city).toBe('Frede ricton');
    });

    it('stores the same issues in the feed version report', async () => {
      const v = await t.db.query<{ report: ReturnType<LoadReport['toJSON']> }>(
        "SELECT report FROM feed_versions WHERE feed_id = 'validation-cases' AND status = 'published'",
      );
      expect(v.rows).toHaveLength(1);
      expect(v.rows[0]!.report.issues).toEqual(JSON.parse(JSON.stringify(result.report.issues)));
      expect(v.rows[0]!.report.issues_not_shown).toBe(0);
    });
  });

  it('entity-encoded markup is decoded and then removed, never stored as live markup or hidden direction controls', async () => {
    const file = writeCsv(path.join(dir, 'entities.csv'), HEADER, [
      office(1, { name: 'Centre &lt;script&gt;alert(1)&lt;/script&gt; Est' }),
      office(2, { name: '&#60;img src=x onerror=alert(1)&#62;Centre Ouest' }),
      office(3, { name: 'Caf&eacute; &amp; Services' }),
      office(4, { name: 'Centre A &lt; B' }),
      office(5, { name: 'Centre &#x202E;cod.exe' }),
    ]);
    const r = await importFeedFile(t.db, feedSpec('validation-entities'), file, {
      originalName: 'entities.csv',
      publish: true,
      gazetteer: empty,
    });
    expect(r.status).toBe('published');
    expect(r.report.issues.filter((i) => i.code === 'html_removed').map((i) => [i.row, i.field])).toEqual(
      [1, 2, 3, 4, 5].map((row) => [row, 'name']),
    );
    // A direction override written as a character reference is still a direction override.
    expect(r.report.issues.filter((i) => i.severity === 'error')).toEqual([
      expect.objectContaining({ row: 5, field: 'name', code: 'bidi_control' }),
    ]);
    const names = (
      await t.db.query<{ name_en: string }>(
        "SELECT name_en FROM service_points WHERE feed_id = 'validation-entities' ORDER BY source_id",
      )
    ).rows.map((x) => x.name_en);
    for (const n of names) {
      expect(n).not.toMatch(/<\/?[a-z!][^<>]*>/i);
      expect(n).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    }
    // Plain entities read as a person would; markup that only appears once decoded is removed like any other.
    expect(names).toEqual(['Centre Est', 'Centre Ouest', 'Café & Services', 'Centre A < B']);
  });

  describe('duplicates within a feed', () => {
    it('a repeated id rejects the later row (duplicate_in_feed), keeping the first', async () => {
      const file = writeCsv(path.join(dir, 'dup-id.csv'), HEADER, [
        office(1),
        office(2),
        office(1, { name: 'Another name, same id' }),
      ]);
      const r = await importFeedFile(t.db, feedSpec('validation-dup-id'), file, {
        originalName: 'dup-id.csv',
        publish: true,
        gazetteer: empty,
      });
      expect(r.status).toBe('published');
      expect(r.report.issues).toHaveLength(1);
      expect(r.report.issues[0]).toMatchObject({
        row: 3,
        field: 'id',
        value: 'V1',
        code: 'duplicate_in_feed',
        severity: 'error',
      });
      expectBilingual(r.report.issues[0]!);
      expect(await storedIds('validation-dup-id')).toEqual(['V1', 'V2']);
      const name = await t.db.query<{ name_en: string }>(
        "SELECT name_en FROM service_points WHERE feed_id = 'validation-dup-id' AND source_id = 'V1'",
      );
      expect(name.rows[0]!.name_en).toBe('Centre 1');
    });

    it('without ids, a repeated row (same content) is rejected as duplicate_content', async () => {
      const noId = (i: number, over = {}) => office(i, { id: '', ...over });
      // Case and spacing differences are the same content; another phone is not.
      const file = writeCsv(path.join(dir, 'dup-content.csv'), HEADER, [
        noId(1),
        noId(2),
        noId(1, { name: 'CENTRE  1' }),
        noId(1, { phone: '506-453-9999' }),
      ]);
      const r = await importFeedFile(t.db, feedSpec('validation-dup-content'), file, {
        originalName: 'dup-content.csv',
        publish: true,
        gazetteer: empty,
      });
      expect(r.status).toBe('published');
      expect(r.report.issues).toHaveLength(1);
      expect(r.report.issues[0]).toMatchObject({
        row: 3,
        field: 'name',
        value: 'CENTRE 1',
        code: 'duplicate_content',
        severity: 'error',
      });
      expectBilingual(r.report.issues[0]!);
      expect(r.report.accepted).toBe(3);
      const n = await t.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM service_points WHERE feed_id = 'validation-dup-content'",
      );
      expect(n.rows[0]!.n).toBe(3);
    });

    it('the same content under two different ids is two records (ids are the steward’s identity)', async () => {
      const file = writeCsv(path.join(dir, 'twin-ids.csv'), HEADER, [office(1), office(1, { id: 'V1-bis' })]);
      const r = await importFeedFile(t.db, feedSpec('validation-twin-ids'), file, {
        originalName: 'twin-ids.csv',
        publish: true,
        gazetteer: empty,
      });
      expect(r.report.issues).toEqual([]);
      expect(await storedIds('validation-twin-ids')).toEqual(['V1', 'V1-bis']);
    });
  });

  it('caps the stored issues and says how many more there were, in the result and the stored report', async () => {
    const cap = new LoadReport().cap;
    const extra = Math.max(200, Math.round(cap / 5));
    const rows = Array.from({ length: cap + extra }, (_, i) => office(i + 1, { phone: `not a phone ${i + 1}` }));
    const file = writeCsv(path.join(dir, 'many.csv'), HEADER, rows);
    const r = await importFeedFile(t.db, feedSpec('validation-cap'), file, {
      originalName: 'many.csv',
      publish: true,
      gazetteer: empty,
    });
    expect(r.status).toBe('published');
    expect(r.report.accepted).toBe(rows.length);
    expect(r.report.byCode['invalid_phone']).toBe(rows.length);
    expect(r.report.issuesTotal).toBe(rows.length);
    expect(r.report.issues).toHaveLength(cap);
    // The first issues are the ones kept, in row order.
    expect(r.report.issues.map((i) => i.row)).toEqual(Array.from({ length: cap }, (_, i) => i + 1));
    const json = r.report.toJSON();
    expect(json.issues_total).toBe(rows.length);
    expect(json.issues_not_shown).toBe(extra);
    const v = await t.db.query<{ rows_read: number; rows_warned: number; report: ReturnType<LoadReport['toJSON']> }>(
      "SELECT rows_read, rows_warned, report FROM feed_versions WHERE feed_id = 'validation-cap' AND status = 'published'",
    );
    expect(v.rows[0]).toMatchObject({ rows_read: rows.length, rows_warned: rows.length });
    const stored = v.rows[0]!.report;
    expect(stored.issues).toHaveLength(cap);
    expect(stored.issues_total).toBe(rows.length);
    expect(stored.issues_not_shown).toBe(extra);
    expect(stored.issues_by_code['invalid_phone']).toBe(rows.length);
    const n = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM service_points WHERE feed_id = 'validation-cap'",
    );
    expect(n.rows[0]!.n).toBe(rows.length);
  });

  it('reads the Windows-1252 steward export (nb-centres-win1252.csv) and reports each of its problems', async () => {
    // A gazetteer of just the places this file needs: the FSA of the Saint John row and the town of the latitude-100 row.
    const gazetteer = new Gazetteer();
    gazetteer.add({ kind: 'postal_code', name: 'E2L', province: 'NB', population: null, lon: -66.06, lat: 45.27 });
    gazetteer.add({
      kind: 'community',
      name: 'Edmundston',
      province: 'NB',
      population: 16000,
      lon: -68.32,
      lat: 47.37,
    });
    const r = await importFeedFile(t.db, feedSpec('validation-win1252'), FIXTURE, {
      originalName: path.basename(FIXTURE),
      publish: true,
      gazetteer,
    });
    expect(r.status).toBe('published');
    expect(r.report.format).toMatchObject({ format: 'csv' });
    expect(r.report.columns).toMatchObject({
      name: 'Nom du site',
      phone: 'Téléphone',
      email: 'Courriel',
      website: 'Site Web',
      lat: 'Latitude',
      lon: 'Longitude',
    });
    expect(r.report.rows).toBe(5);
    expect(r.report.accepted).toBe(4);
    expect(r.report.rejected).toBe(1);
    expect(r.report.issues.map((i) => [i.row, i.field, i.code, i.severity])).toEqual([
      [2, 'name', 'html_removed', 'warning'],
      [2, 'email', 'invalid_email', 'warning'],
      [2, 'lon,lat', 'coordinates_swapped', 'warning'],
      [4, 'name', 'missing_name', 'error'],
      [5, 'lat', 'latitude_out_of_range', 'warning'],
    ]);
    for (const i of r.report.issues) expectBilingual(i);
    expect(r.report.issues.find((i) => i.code === 'invalid_email')?.value).toBe('bad-email');
    expect(r.report.geocode).toEqual({ source: 2, address: 0, postal_code: 1, community: 1, none: 0 });

    const rows = await t.db.query<{
      name_en: string;
      city: string;
      province: string;
      lon: number;
      lat: number;
      geocode_quality: string;
      email: string | null;
      categories: string[];
      languages: string[];
    }>(
      "SELECT name_en, city, province, lon, lat, geocode_quality, email, categories, languages FROM service_points WHERE feed_id = 'validation-win1252' AND is_published ORDER BY lat DESC",
    );
    expect(rows.rows.map((x) => [x.name_en, x.geocode_quality])).toEqual([
      ['Latitude cent', 'community'],
      ['Bureau Moncton', 'source'],
      ['Centre Service Nouveau-Brunswick Fredericton', 'source'],
      ['Centre Saint John', 'postal_code'],
    ]);
    const fredericton = rows.rows[2]!;
    // Decimal commas read as decimals, accents (é, à) decoded from Windows-1252.
    expect(fredericton).toMatchObject({ province: 'NB', lon: -66.6431, lat: 45.9636 });
    expect(fredericton.categories.length).toBe(2);
    expect(fredericton.languages.sort()).toEqual(['en', 'fr']);
    const moncton = rows.rows[1]!;
    expect(moncton).toMatchObject({ email: null, lon: -64.7782, lat: 46.0878, languages: ['fr'] });
    const stored = await t.db.query<{ report: ReturnType<LoadReport['toJSON']> }>(
      "SELECT report FROM feed_versions WHERE feed_id = 'validation-win1252' AND status = 'published'",
    );
    expect(stored.rows[0]!.report.issues_by_code).toEqual({
      html_removed: 1,
      invalid_email: 1,
      coordinates_swapped: 1,
      missing_name: 1,
      latitude_out_of_range: 1,
    });
  });
});
