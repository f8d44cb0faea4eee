import type { Queryable } from '../../db/database.js';
import { sqlFile } from '../../db/sql-file.js';
import type { ServicePointRow } from './service-point-row.js';

export interface JurisdictionPageParams {
  jurisdictions: string[];
  /** Exclusive cursor: the last id of the previous page. */
  after: string | null;
  limit: number;
  levels?: string[] | undefined;
  categories?: string[] | undefined;
  languages?: string[] | undefined;
  accessibility?: string[] | undefined;
  onlyWithHours?: boolean | undefined;
}

/** One page of the published points of some jurisdictions, located or not, in id order after a cursor. */
export async function servicePointsOfJurisdictions(
  db: Queryable,
  p: JurisdictionPageParams,
): Promise<ServicePointRow[]> {
  const r = await db.query<ServicePointRow>(sqlFile('service_points_of_jurisdictions'), [
    p.jurisdictions,
    p.after,
    p.limit,
    p.levels ?? null,
    p.categories ?? null,
    p.languages ?? null,
    p.accessibility ?? null,
    p.onlyWithHours ?? false,
  ]);
  return r.rows;
}
