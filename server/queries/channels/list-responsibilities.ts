import type { Queryable } from '../../../db/database.js';
import { sqlFile } from '../../../db/sql-file.js';

export interface ResponsibilityRow {
  province: string;
  category_code: string;
  category_name_en: string;
  category_name_fr: string;
  level: string;
  jurisdiction_id: string | null;
  jurisdiction_name_en: string | null;
  jurisdiction_name_fr: string | null;
  rank: number;
  note_en: string | null;
  note_fr: string | null;
  origin: string;
  updated_at: Date | string;
  /** The official page that says so, when the row has been sourced (0053). */
  source_url: string | null;
  source_checked_on: string | null;
  source_note: string | null;
}

/** The category-to-order-of-government map, per province. */
export async function listResponsibilities(
  db: Queryable,
  provinces: string[] | null,
  categories: string[] | null,
): Promise<ResponsibilityRow[]> {
  return (await db.query<ResponsibilityRow>(sqlFile('channels_responsibilities'), [provinces, categories])).rows;
}
