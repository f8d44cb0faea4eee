import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputeCoverage } from '../../data-loaders/lib/coverage/coverage-store.js';
import { SphereIndex } from '../../data-loaders/lib/coverage/sphere-index.js';
import { straightLineSource } from '../../data-loaders/lib/coverage/distance-source.js';
import { seedSyntheticPoints, seedSyntheticUnits } from '../../bench/seed.js';
import { MODES, openTestDatabase, type TestDatabase } from '../support/test-database.js';

interface Row {
  unit_id: string;
  distance_m: number | null;
  nearest_point_pk: string;
}

/**
 * The way the store was computed before the in-process search: one nearest-neighbour
 * walk of a GiST index of the scope's points per unit, inside PostGIS.
 */
async function databaseKnn(t: TestDatabase, categories: string[] | null): Promise<Row[]> {
  return (
    await t.db.query<Row>(
      `SELECT u.id AS unit_id, n.distance_m, n.pk::text AS nearest_point_pk
       FROM population_units u
       JOIN LATERAL (
         SELECT sp.pk, ST_Distance(sp.geog, u.point::geography, false) AS distance_m
         FROM service_points sp
         WHERE sp.is_published AND sp.geog IS NOT NULL AND ($1::text[] IS NULL OR sp.categories && $1::text[])
         ORDER BY sp.geog <-> u.point::geography, sp.pk
         LIMIT 1
       ) n ON true
       WHERE u.point IS NOT NULL
       ORDER BY u.id`,
      [categories],
    )
  ).rows;
}

async function stored(t: TestDatabase, scope: string): Promise<Row[]> {
  return (
    await t.db.query<Row>(
      'SELECT unit_id, distance_m, nearest_point_pk::text AS nearest_point_pk FROM coverage_distances WHERE scope = $1 ORDER BY unit_id',
      [scope],
    )
  ).rows;
}

/** Same units, same metres (to the last bit); the same point unless two are exactly as near. */
function expectSameAnswers(got: Row[], want: Row[]): void {
  expect(got.length).toBe(want.length);
  let samePoint = 0;
  for (let i = 0; i < want.length; i += 1) {
    expect(got[i]!.unit_id).toBe(want[i]!.unit_id);
    expect(got[i]!.distance_m).toBe(want[i]!.distance_m);
    if (got[i]!.nearest_point_pk === want[i]!.nearest_point_pk) samePoint += 1;
  }
  expect(samePoint).toBeGreaterThan(want.length * 0.99);
}

describe('the nearest point on the sphere, in process', () => {
  it('finds the same nearest point as a brute-force great-circle search, ties to the lower index', () => {
    let seed = 1;
    const rand = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const lons = Array.from({ length: 3000 }, () => -141 + rand() * 89);
    const lats = Array.from({ length: 3000 }, () => 42 + rand() * 41);
    lons.push(lons[5]!); // an exact duplicate of point 5: point 5 must win
    lats.push(lats[5]!);
    const index = new SphereIndex(lons, lats);
    const r = Math.PI / 180;
    const angle = (a: number, b: number, c: number, d: number) =>
      2 *
      Math.asin(
        Math.sqrt(
          Math.sin(((d - b) * r) / 2) ** 2 + Math.cos(b * r) * Math.cos(d * r) * Math.sin(((c - a) * r) / 2) ** 2,
        ),
      );
    for (let k = 0; k < 2000; k += 1) {
      const lon = -150 + rand() * 110;
      const lat = 35 + rand() * 55;
      let best = Infinity;
      for (let j = 0; j < lons.length; j += 1) best = Math.min(best, angle(lon, lat, lons[j]!, lats[j]!));
      const i = index.nearest(lon, lat);
      expect(angle(lon, lat, lons[i]!, lats[i]!)).toBeCloseTo(best, 12);
    }
    expect(index.nearest(lons[5]!, lats[5]!)).toBe(5);
    expect(new SphereIndex([], []).nearest(-75, 45)).toBe(-1);
  });
});

describe.each(MODES)('national coverage recompute on %s', (mode) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(mode);
    await seedSyntheticPoints(t.db, 400);
    await seedSyntheticUnits(t.db, 1000);
  }, 180_000);
  afterAll(() => t?.cleanup());

  it('stores, for every unit and scope, the distances the per-unit index walk in PostGIS gives', async () => {
    const result = await recomputeCoverage(t.db);
    expect(result.rows_written).toBeGreaterThan(1000 * 5);
    expectSameAnswers(await stored(t, 'all'), await databaseKnn(t, null));
    const category = result.scopes.find((s) => s.startsWith('category:'))!;
    expectSameAnswers(await stored(t, category), await databaseKnn(t, [category.slice('category:'.length)]));
  }, 120_000);

  it('reads, searches and writes the units a page at a time: the same rows, new or merged', async () => {
    // 1,000 units in pages of 97: eleven pages, the last one short.
    const paged = straightLineSource(97);
    await t.db.query('DELETE FROM coverage_distances');
    const gone = (
      await t.db.query<{ pk: string }>(
        'SELECT pk::text AS pk FROM service_points WHERE is_published AND geog IS NOT NULL ORDER BY pk LIMIT 1',
      )
    ).rows[0]!.pk;
    try {
      // Every scope new: written straight into the store.
      const fresh = await recomputeCoverage(t.db, paged);
      expect(fresh.rows_written).toBeGreaterThan(1000 * 5);
      expectSameAnswers(await stored(t, 'all'), await databaseKnn(t, null));
      // Every scope stored: staged a page at a time, then merged.
      await t.db.query('UPDATE service_points SET is_published = false WHERE pk = $1', [gone]);
      await recomputeCoverage(t.db, paged);
      expectSameAnswers(await stored(t, 'all'), await databaseKnn(t, null));
      const category = fresh.scopes.find((s) => s.startsWith('category:'))!;
      expectSameAnswers(await stored(t, category), await databaseKnn(t, [category.slice('category:'.length)]));
    } finally {
      await t.db.query('UPDATE service_points SET is_published = true WHERE pk = $1', [gone]);
      await recomputeCoverage(t.db);
    }
  }, 180_000);

  it('a second recompute rewrites only the rows whose nearest point changed, with the same answers', async () => {
    await recomputeCoverage(t.db);
    const xmins = async () =>
      new Map(
        (
          await t.db.query<{ unit_id: string; x: string }>(
            "SELECT unit_id, xmin::text AS x FROM coverage_distances WHERE scope = 'all'",
          )
        ).rows.map((r) => [r.unit_id, r.x]),
      );
    const before = await xmins();
    // One point disappears: only the units it was nearest to change.
    const gone = (
      await t.db.query<{ pk: string }>(
        "SELECT nearest_point_pk::text AS pk FROM coverage_distances WHERE scope = 'all' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1",
      )
    ).rows[0]!.pk;
    const served = (
      await t.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM coverage_distances WHERE scope = 'all' AND nearest_point_pk = $1",
        [gone],
      )
    ).rows[0]!.n;
    await t.db.query('UPDATE service_points SET is_published = false WHERE pk = $1', [gone]);
    await recomputeCoverage(t.db);
    const after = await xmins();
    const changed = [...after].filter(([id, x]) => before.get(id) !== x).length;
    expect(changed).toBe(served);
    expectSameAnswers(await stored(t, 'all'), await databaseKnn(t, null));
    await t.db.query('UPDATE service_points SET is_published = true WHERE pk = $1', [gone]);
  }, 120_000);
});
