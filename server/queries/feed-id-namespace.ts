import type { Queryable } from '../../db/database.js';
import { sqlFile } from '../../db/sql-file.js';

/** The jurisdiction a feed id is namespaced under (its longest jurisdiction-id prefix), or null. */
export async function feedIdNamespace(db: Queryable, feedId: string): Promise<string | null> {
  return (await db.query<{ id: string }>(sqlFile('feed_id_namespace'), [feedId])).rows[0]?.id ?? null;
}
