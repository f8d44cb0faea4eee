import type { Level } from '../../contract/common.js';
import type { Queryable } from '../../db/database.js';
import { sqlFile } from '../../db/sql-file.js';

export interface JurisdictionRow {
  id: string;
  level: Level;
  name_en: string;
  name_fr: string;
  parent_id: string | null;
  province: string | null;
  time_zone: string | null;
}

/** One jurisdiction, or null. */
export async function jurisdictionById(db: Queryable, id: string): Promise<JurisdictionRow | null> {
  return (await db.query<JurisdictionRow>(sqlFile('jurisdiction_by_id'), [id])).rows[0] ?? null;
}
