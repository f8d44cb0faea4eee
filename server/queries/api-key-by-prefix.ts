import type { Queryable } from '../../db/database.js';
import { sqlFile } from '../../db/sql-file.js';

export interface StoredApiKey {
  id: number;
  jurisdiction_id: string;
  key_hash: string;
  revoked: boolean;
}

/** The stored key with this lookup prefix, or null. */
export async function apiKeyByPrefix(db: Queryable, prefix: string): Promise<StoredApiKey | null> {
  const r = await db.query<StoredApiKey>(sqlFile('api_key_by_prefix'), [prefix]);
  return r.rows[0] ?? null;
}
