import type { Queryable } from '../../db/database.js';
import { sqlFile } from '../../db/sql-file.js';

export interface DataStatus {
  published_feeds: number;
  published_points: number;
  located_points: number;
  synthetic_feeds: number;
  places: number;
  population_units: number;
}

/** Counts of what is loaded, for the client's "nothing loaded yet" message. */
export async function dataStatus(db: Queryable): Promise<DataStatus> {
  const r = await db.query<DataStatus>(sqlFile('data_status'));
  const row = r.rows[0];
  if (!row) throw new Error('data_status returned no row');
  return row;
}
