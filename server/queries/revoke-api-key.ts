import type { Queryable } from '../../db/database.js';
import { sqlFile } from '../../db/sql-file.js';

/** Revokes the key with this prefix; false when no live key has it. */
export async function revokeApiKey(db: Queryable, prefix: string): Promise<boolean> {
  return (await db.query(sqlFile('revoke_api_key'), [prefix])).rowCount > 0;
}
