import type { Queryable } from '../../db/database.js';
import { sqlFile } from '../../db/sql-file.js';
import type { ServicePointRow } from './service-point-row.js';

export interface NearestParams {
  lon: number;
  lat: number;
  limit: number;
  levels?: string[] | undefined;
  jurisdictions?: string[] | undefined;
  categories?: string[] | undefined;
  languages?: string[] | undefined;
  accessibility?: string[] | undefined;
  maxDistanceM?: number | undefined;
  /** Only points with stored hours (the open_now filter can match no other). */
  onlyWithHours?: boolean | undefined;
}

/** The bound values of nearest_service_points.sql, in order (the benchmark sends the same ones). */
export function nearestQueryParams(p: NearestParams): unknown[] {
  return [
    p.lon,
    p.lat,
    p.limit,
    p.levels ?? null,
    p.jurisdictions ?? null,
    p.categories ?? null,
    p.languages ?? null,
    p.accessibility ?? null,
    p.maxDistanceM ?? null,
    p.onlyWithHours ?? false,
  ];
}

/** The nearest published service points to a location, nearest first. */
export async function nearestServicePoints(db: Queryable, p: NearestParams): Promise<ServicePointRow[]> {
  const r = await db.query<ServicePointRow>(sqlFile('nearest_service_points'), nearestQueryParams(p));
  return r.rows;
}
