import type { Queryable } from '../../db/database.js';
import { sqlFile } from '../../db/sql-file.js';

/** Stores a key's prefix and hash for a jurisdiction; returns its row id. */
export async function insertApiKey(
  db: Queryable,
  k: { jurisdictionId: string; prefix: string; hash: string; label: string | null },
): Promise<number> {
  const r = await db.query<{ id: number }>(sqlFile('insert_api_key'), [k.jurisdictionId, k.prefix, k.hash, k.label]);
  const id = r.rows[0]?.id;
  if (id === undefined) throw new Error('insert_api_key returned no row');
  return id;
}
