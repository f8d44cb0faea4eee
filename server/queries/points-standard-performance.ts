import type { Queryable } from '../../db/database.js';
import { sqlFile } from '../../db/sql-file.js';
import type { PerformanceJson, StandardJson } from './channels/channel-row.js';
import type { ServicePointRow } from './service-point-row.js';

export interface StandardAndPerformance {
  standard: StandardJson | null;
  performance: PerformanceJson | null;
}

/** The published standard and latest figures of some points, by point id (none read for no points). */
export async function standardAndPerformance(
  db: Queryable,
  ids: string[],
): Promise<Map<string, StandardAndPerformance>> {
  if (ids.length === 0) return new Map();
  const r = await db.query<{ id: string } & StandardAndPerformance>(sqlFile('points_standard_performance'), [ids]);
  return new Map(r.rows.map((x) => [x.id, x]));
}

/**
 * Rows found in memory, completed with their standard and latest figures from the
 * database, so a nearest answer from the index is the same as one from the SQL path.
 */
export async function withStandardAndPerformance(db: Queryable, rows: ServicePointRow[]): Promise<ServicePointRow[]> {
  if (rows.length === 0) return rows;
  const byId = await standardAndPerformance(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({
    ...row,
    standard: byId.get(row.id)?.standard ?? null,
    performance: byId.get(row.id)?.performance ?? null,
  }));
}
