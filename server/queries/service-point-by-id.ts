import type { Queryable } from '../../db/database.js';
import type { ServicePointRow } from './service-point-row.js';
import { sqlFile } from '../../db/sql-file.js';

/** One published service point by its stable id, or null. */
export async function servicePointById(db: Queryable, id: string): Promise<ServicePointRow | null> {
  const r = await db.query<ServicePointRow>(sqlFile('service_point_by_id'), [id]);
  return r.rows[0] ?? null;
}
