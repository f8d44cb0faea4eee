import type { Queryable } from '../../db/database.js';
import { sqlFile } from '../../db/sql-file.js';

/**
 * Holds `feedId` until the caller's transaction ends: the one lock every import,
 * publish and rollback of a feed takes, so two of them never interleave.
 */
export async function lockFeed(tx: Queryable, feedId: string): Promise<void> {
  await tx.query(sqlFile('lock_feed'), [feedId]);
}
