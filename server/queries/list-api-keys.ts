import type { Queryable } from '../../db/database.js';
import { sqlFile } from '../../db/sql-file.js';

export interface ApiKeyListing {
  id: number;
  jurisdiction_id: string;
  key_prefix: string;
  label: string | null;
  created_at: Date | string;
  revoked_at: Date | string | null;
}

/** Keys of one jurisdiction (or all), without their hashes. */
export async function listApiKeys(db: Queryable, jurisdictionId: string | null): Promise<ApiKeyListing[]> {
  return (await db.query<ApiKeyListing>(sqlFile('list_api_keys'), [jurisdictionId])).rows;
}
