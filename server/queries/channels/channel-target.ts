import type { Queryable } from '../../../db/database.js';
import { sqlFile } from '../../../db/sql-file.js';

export type TargetKind = 'channel' | 'point';

/** The jurisdiction that owns a channel or a published point; null when there is no such target. */
export async function channelTarget(
  db: Queryable,
  kind: TargetKind,
  id: string,
): Promise<{ id: string; jurisdiction_id: string } | null> {
  const r = await db.query<{ id: string; jurisdiction_id: string }>(sqlFile('channels_target'), [kind, id]);
  return r.rows[0] ?? null;
}
