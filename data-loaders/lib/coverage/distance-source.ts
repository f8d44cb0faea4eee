import type { Queryable } from '../../../db/database.js';
import { withPlannerOff } from '../../../db/planner-settings.js';
import { sqlFile } from '../../../db/sql-file.js';
import type { PointFilter } from './point-filter.js';

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

export const straightLine: DistanceSource = {
  kind: 'straight_line',
  async computeScope(q, scope, f, unitProvinces) {
    const filters = [
      f.levels ?? null,
      f.jurisdictions ?? null,
      f.categories ?? null,
      f.languages ?? null,
      f.accessibility ?? null,
    ];
    const any = await q.query<{ has_points: boolean }>(sqlFile('coverage_scope_has_points'), filters);
    if (!any.rows[0]?.has_points) return 0;
    // Keep the planner on the nearest-neighbour index walk (see the SQL file); local to the transaction.
    await q.exec('DROP TABLE IF EXISTS coverage_scope_points');
    await q.query(sqlFile('coverage_scope_points'), filters);
    await q.exec('CREATE INDEX ON coverage_scope_points USING gist (geog); ANALYZE coverage_scope_points');
    try {
      const r = await withPlannerOff(q, ['enable_sort'], () =>
        q.query(sqlFile('coverage_compute_scope'), [scope, unitProvinces]),
      );
      return r.rowCount;
    } finally {
      await q.exec('DROP TABLE IF EXISTS coverage_scope_points');
    }
  },
};
