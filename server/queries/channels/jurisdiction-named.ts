import type { Queryable } from '../../../db/database.js';
import { sqlFile } from '../../../db/sql-file.js';

export interface NamedJurisdiction {
  id: string;
  level: string;
  name_en: string;
  name_fr: string;
  province: string | null;
}

/** A jurisdiction's order of government and names, or null. */
export async function jurisdictionNamed(db: Queryable, id: string): Promise<NamedJurisdiction | null> {
  return (await db.query<NamedJurisdiction>(sqlFile('channels_jurisdiction'), [id])).rows[0] ?? null;
}
