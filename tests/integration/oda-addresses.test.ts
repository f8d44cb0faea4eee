import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provinceAt } from '../../domain/canada-check.js';
import { importFeedFile } from '../../data-loaders/lib/import-feed.js';
import { runSource } from '../../data-loaders/load-dir.js';
import { loadNpmGazetteer } from '../../data-loaders/sources/gazetteer-npm.js';
import { odaAddresses } from '../../data-loaders/sources/oda-addresses.js';
import { feedSpec, tmpDir } from '../fixtures/loaders/make-feeds.js';
import { testApp } from '../support/test-app.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';

const NB = path.resolve('tests/fixtures/oda/ODA_NB_sample.csv');
const PE = path.resolve('tests/fixtures/oda/ODA_PE_sample.csv');
const log = () => undefined;

/** A steward's file without coordinates or postal codes: only the street address and the city. */
const FEED = [
  'id,name,address,city,province',
  'F1,Fredericton service centre,432 Queen Street,Fredericton,NB',
  'F2,Moncton service centre,"770 Main St., Suite 100",Moncton,NB',
  'F3,Bathurst centre,180 Principale Rue,Bathurst,NB',
  'F4,Fredericton annex,9 Unknown Street,Fredericton,NB',
].join('\n');

describe.each(MODES)('address-level geocoding from the Open Database of Addresses on %s', (mode) => {
  let t: TestDatabase;
  const dir = tmpDir();
  const file = path.join(dir, 'centres.csv');
  beforeAll(async () => {
    t = await openTestDatabase(mode);
    await loadNpmGazetteer(t.db);
    fs.writeFileSync(file, FEED);
  }, 180_000);
  afterAll(async () => {
    await t?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const qualities = async (feedId: string) =>
    (
      await t.db.query<{ source_id: string; geocode_quality: string; lon: number | null; lat: number | null }>(
        'SELECT source_id, geocode_quality, lon, lat FROM service_points WHERE feed_id = $1 AND is_published ORDER BY source_id',
        [feedId],
      )
    ).rows;

  // Each test sets up the addresses it describes: none, or New Brunswick's file loaded (loading it again replaces it).
  const loadNewBrunswick = () => runSource(odaAddresses, { db: t.db, file: NB, log });

  it('without ODA, the rows locate by community, as before', async () => {
    await t.db.query('DELETE FROM address_points');
    const r = await importFeedFile(t.db, feedSpec('oda-before'), file, { originalName: 'centres.csv', publish: true });
    expect(r.status).toBe('published');
    expect((await qualities('oda-before')).map((x) => x.geocode_quality)).toEqual([
      'community',
      'community',
      'community',
      'community',
    ]);
    expect(r.report.geocode.address).toBe(0);
  });

  it('loads an ODA province file, and reports the rows it cannot use', async () => {
    const r = await loadNewBrunswick();
    expect(r.status).toBe('loaded');
    expect(r.rows).toBe(7);
    expect(r.rejected).toBe(2);
    expect(r.detail).toContain('NB');
    const n = await t.db.query<{ n: number }>(
      "SELECT count(DISTINCT split_part(source_key, '|', 1))::int AS n FROM address_points WHERE province = 'NB'",
    );
    expect(n.rows[0]!.n).toBe(5);
  });

  it('with ODA, a civic address locates at address precision, inside its province; the rest fall back as before', async () => {
    expect((await loadNewBrunswick()).status).toBe('loaded');
    const r = await importFeedFile(t.db, feedSpec('oda-after'), file, { originalName: 'centres.csv', publish: true });
    expect(r.status).toBe('published');
    expect(r.report.geocode).toMatchObject({ address: 3, community: 1, none: 0 });
    expect(r.report.toJSON().located_by.address).toBe(3);
    const rows = await qualities('oda-after');
    expect(rows.map((x) => `${x.source_id} ${x.geocode_quality}`)).toEqual([
      'F1 address',
      'F2 address',
      'F3 address',
      'F4 community',
    ]);
    // The point is the ODA point of that address, and it lies in New Brunswick.
    expect([rows[0]!.lon, rows[0]!.lat]).toEqual([-66.64302, 45.96205]);
    expect([rows[1]!.lon, rows[1]!.lat]).toEqual([-64.77602, 46.0891]);
    for (const row of rows.slice(0, 3)) expect(provinceAt(row.lon!, row.lat!)).toBe('NB');
    // Everything that reads geocode_quality takes the new value.
    const app = testApp(t.db);
    const near = await request(app)
      .get('/api/service-points/nearest?lon=-66.643&lat=45.962&limit=1&jurisdiction=ca-nb')
      .expect(200);
    expect(near.body.results[0]).toMatchObject({ name: 'Fredericton service centre', geocode_quality: 'address' });
    const one = await request(app).get(`/api/service-points/${near.body.results[0].id}`).expect(200);
    expect(one.body.geocode_quality).toBe('address');
  });

  it('loading another province’s file keeps New Brunswick’s addresses', async () => {
    expect((await loadNewBrunswick()).status).toBe('loaded');
    const before = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM address_points WHERE province = 'NB'",
    );
    const r = await runSource(odaAddresses, { db: t.db, file: PE, log });
    expect(r.status).toBe('loaded');
    const after = await t.db.query<{ province: string; n: number }>(
      'SELECT province, count(*)::int AS n FROM address_points GROUP BY 1 ORDER BY 1',
    );
    expect(after.rows).toEqual([
      { province: 'NB', n: before.rows[0]!.n },
      { province: 'PE', n: 1 },
    ]);
    // Loading the same province again replaces it, without duplicates.
    await runSource(odaAddresses, { db: t.db, file: NB, log });
    const again = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM address_points WHERE province = 'NB'",
    );
    expect(again.rows[0]!.n).toBe(before.rows[0]!.n);
  });
});
