import type { Queryable } from '../../db/database.js';
import { sqlFile } from '../../db/sql-file.js';
import type { PerformanceJson, StandardJson } from './channels/channel-row.js';
import type { ServicePointRow } from './service-point-row.js';

/**
 * Rows found in memory, completed with their standard and latest figures from the
 * database, so a nearest answer from the index is the same as one from the SQL path.
 */
export async function withStandardAndPerformance(db: Queryable, rows: ServicePointRow[]): Promise<ServicePointRow[]> {
  if (rows.length === 0) return rows;
  const r = await db.query<{ id: string; standard: StandardJson | null; performance: PerformanceJson | null }>(
    sqlFile('points_standard_performance'),
    [rows.map((row) => row.id)],
  );
  const byId = new Map(r.rows.map((x) => [x.id, x]));
  return rows.map((row) => ({
    ...row,
    standard: byId.get(row.id)?.standard ?? null,
    performance: byId.get(row.id)?.performance ?? null,
  }));
}
