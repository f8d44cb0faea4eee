import type { Level } from '../../contract/common.js';
import type { Queryable } from '../../db/database.js';
import { sqlFile } from '../../db/sql-file.js';

export interface CategoryRow {
  code: string;
  name_en: string;
  name_fr: string;
  description_en: string | null;
  description_fr: string | null;
  usual_levels: Level[];
  sort_order: number;
  published_points: number;
}

/** The bilingual service taxonomy, in display order. */
export async function listCategories(db: Queryable): Promise<CategoryRow[]> {
  return (await db.query<CategoryRow>(sqlFile('list_categories'))).rows;
}
