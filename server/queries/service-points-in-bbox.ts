import type { Queryable } from '../../db/database.js';
import type { ServicePointRow } from './service-point-row.js';
import { sqlFile } from '../../db/sql-file.js';

export interface BboxParams {
  bbox: readonly [number, number, number, number];
  limit: number;
  offset: number;
  levels?: string[] | undefined;
  jurisdictions?: string[] | undefined;
  categories?: string[] | undefined;
  languages?: string[] | undefined;
  accessibility?: string[] | undefined;
  onlyWithHours?: boolean | undefined;
}

/** One page of published points inside a bounding box, ordered by id. */
export async function servicePointsInBbox(db: Queryable, p: BboxParams): Promise<ServicePointRow[]> {
  const [minLon, minLat, maxLon, maxLat] = p.bbox;
  const r = await db.query<ServicePointRow>(sqlFile('service_points_in_bbox'), [
    minLon,
    minLat,
    maxLon,
    maxLat,
    p.limit,
    p.offset,
    p.levels ?? null,
    p.jurisdictions ?? null,
    p.categories ?? null,
    p.languages ?? null,
    p.accessibility ?? null,
    p.onlyWithHours ?? false,
  ]);
  return r.rows;
}
