import type { Level } from '../../contract/common.js';
import type { Queryable } from '../../db/database.js';
import { sqlFile } from '../../db/sql-file.js';

export interface LifeEventRow {
  code: string;
  name_en: string;
  name_fr: string;
  description_en: string | null;
  description_fr: string | null;
  sort_order: number;
  categories: { code: string; name_en: string; name_fr: string; usual_levels: Level[] }[];
}

/** Life events with their categories, all or the one with `code`. */
export async function listLifeEvents(db: Queryable, code: string | null = null): Promise<LifeEventRow[]> {
  return (await db.query<LifeEventRow>(sqlFile('list_life_events'), [code])).rows;
}
