import { integerArrayLiteral, numberArrayLiteral, textArrayLiteral } from '../../../db/array-literal.js';
import type { Queryable } from '../../../db/database.js';
import { sqlFile } from '../../../db/sql-file.js';
import type { PointFilter } from './point-filter.js';
import { SphereIndex } from './sphere-index.js';

/**
 * Where unit-to-point distances come from. Today: great-circle metres. A road
 * network source (pgRouting) would implement the same call with its own SQL
 * file and report `network`; every analysis reads the rows it writes.
 */
export interface DistanceSource {
  kind: 'straight_line' | 'network';
  /**
   * Writes one coverage_distances row per located unit (of `unitProvinces`, when given) for
   * `scope`; returns the row count. No rows at all when no point matches the filter.
   */
  computeScope(q: Queryable, scope: string, filter: PointFilter, unitProvinces: string[] | null): Promise<number>;
}

/** Units per page read, searched and written back: bounds memory whatever the number of units. */
const UNITS_PER_PAGE = 50_000;

/**
 * Each unit's nearest point of the scope is found in process (a k-d tree of the
 * scope's points on the unit sphere, see sphere-index.ts) and staged a page at a
 * time, with the metres measured by PostGIS; the staged rows then replace the
 * scope's stored rows, rewriting only those that changed. A nearest-neighbour walk of a
 * GiST index per unit inside PostgreSQL costs about 70 µs a unit; the search here
 * about 2 µs, so the cost is reading the units and writing the rows.
 */
export function straightLineSource(unitsPerPage = UNITS_PER_PAGE): DistanceSource {
  return {
    kind: 'straight_line',
    computeScope: (q, scope, f, unitProvinces) => computeStraightLine(q, scope, f, unitProvinces, unitsPerPage),
  };
}

export const straightLine: DistanceSource = straightLineSource();

async function computeStraightLine(
  q: Queryable,
  scope: string,
  f: PointFilter,
  unitProvinces: string[] | null,
  unitsPerPage: number,
): Promise<number> {
  const filters = [
    f.levels ?? null,
    f.jurisdictions ?? null,
    f.categories ?? null,
    f.languages ?? null,
    f.accessibility ?? null,
  ];
  const any = await q.query<{ has_points: boolean }>(sqlFile('coverage_scope_has_points'), filters);
  if (!any.rows[0]?.has_points) return 0;
  await q.exec('DROP TABLE IF EXISTS coverage_scope_points, coverage_scope_staging');
  await q.query(sqlFile('coverage_scope_points'), filters);
  try {
    await q.exec('CREATE UNIQUE INDEX ON coverage_scope_points (pk); ANALYZE coverage_scope_points');
    const points = (
      await q.query<{ pk: string | number; lon: number; lat: number }>(sqlFile('coverage_scope_point_coords'))
    ).rows;
    const index = new SphereIndex(
      points.map((p) => p.lon),
      points.map((p) => p.lat),
    );
    // A scope with rows already is staged, then merged (rows that did not change are not
    // rewritten); a new or live scope is written straight into the store.
    const had = (await q.query<{ had: boolean }>(sqlFile('coverage_scope_has_rows'), [scope])).rows[0]?.had === true;
    if (had && unitProvinces !== null) throw new Error(`coverage scope ${scope} is stored for every unit`);
    if (had)
      await q.exec(
        `CREATE TEMPORARY TABLE coverage_scope_staging (unit_id text NOT NULL, distance_m double precision,
           nearest_point_pk bigint, nearest_point_id text)`,
      );
    const readPage = async (after: string | null) =>
      (
        await q.query<{ id: string; lon: number; lat: number }>(sqlFile('coverage_units_page'), [
          unitProvinces,
          after,
          unitsPerPage,
        ])
      ).rows;
    const search = (page: { id: string; lon: number; lat: number }[]) => {
      const ids: string[] = new Array<string>(page.length);
      const lons = new Array<number>(page.length);
      const lats = new Array<number>(page.length);
      const nearest = new Array<string | number>(page.length);
      for (let i = 0; i < page.length; i += 1) {
        const u = page[i]!;
        ids[i] = u.id;
        lons[i] = u.lon;
        lats[i] = u.lat;
        nearest[i] = points[index.nearest(u.lon, u.lat)]!.pk;
      }
      const arrays = [
        textArrayLiteral(ids),
        numberArrayLiteral(lons),
        numberArrayLiteral(lats),
        integerArrayLiteral(nearest),
      ];
      return { arrays, last: ids[ids.length - 1]!, full: page.length === unitsPerPage };
    };
    const write = async (arrays: string[]) =>
      (had
        ? await q.query(sqlFile('coverage_stage_nearest'), arrays)
        : await q.query(sqlFile('coverage_store_nearest'), [scope, ...arrays])
      ).rowCount ?? 0;
    let written = 0;
    for (let page = await readPage(null); page.length > 0;) {
      const { arrays, last, full } = search(page);
      written += await write(arrays);
      page = full ? await readPage(last) : [];
    }
    if (had) {
      // Indexed, so the merge's anti-join never scans the staged rows once per stored row: with stale
      // statistics right after a large write (autovacuum not yet run), the planner took that plan, and
      // the merge at 500,000 units ran for minutes instead of a second.
      await q.exec('CREATE UNIQUE INDEX ON coverage_scope_staging (unit_id); ANALYZE coverage_scope_staging');
      await q.query(sqlFile('coverage_merge_scope_update'), [scope]);
      await q.query(sqlFile('coverage_merge_scope_delete'), [scope]);
      await q.query(sqlFile('coverage_merge_scope_insert'), [scope]);
    }
    return written;
  } finally {
    await q.exec('DROP TABLE IF EXISTS coverage_scope_points, coverage_scope_staging');
  }
}
