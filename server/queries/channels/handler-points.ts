import type { Queryable } from '../../../db/database.js';
import type { ServicePointRow } from '../service-point-row.js';
import { sqlFile } from '../../../db/sql-file.js';
import type { PerformanceJson, StandardJson } from './channel-row.js';

export type HandlerPointRow = ServicePointRow & {
  category_code: string;
  handler_level: string;
  handler_jurisdiction_id: string | null;
  standard: StandardJson | null;
  performance: PerformanceJson | null;
};

/** The nearest published points of each handling government, per category. */
export async function handlerPoints(
  db: Queryable,
  p: { lon: number; lat: number; province: string; categories: string[]; perHandler: number },
): Promise<HandlerPointRow[]> {
  return (
    await db.query<HandlerPointRow>(sqlFile('channels_nearest_points'), [
      p.lon,
      p.lat,
      p.province,
      p.categories,
      p.perHandler,
    ])
  ).rows;
}
