import type { Queryable } from '../../db/database.js';
import type { ServicePointRow } from './service-point-row.js';
import { sqlFile } from '../../db/sql-file.js';

export interface LifeEventNearestParams {
  code: string;
  lon: number;
  lat: number;
  languages?: string[] | undefined;
  accessibility?: string[] | undefined;
  levels?: string[] | undefined;
  maxDistanceM?: number | undefined;
}

export type LifeEventNearestRow = ServicePointRow & { category_code: string; category_sort: number };

/** For each category of a life event, the nearest point of each order of government offering it. */
export async function lifeEventNearest(db: Queryable, p: LifeEventNearestParams): Promise<LifeEventNearestRow[]> {
  const r = await db.query<LifeEventNearestRow>(sqlFile('life_event_nearest'), [
    p.code,
    p.lon,
    p.lat,
    p.languages ?? null,
    p.accessibility ?? null,
    p.levels ?? null,
    p.maxDistanceM ?? null,
  ]);
  return r.rows;
}
