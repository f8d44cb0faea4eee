import type { Queryable } from '../../../db/database.js';
import { sqlFile } from '../../../db/sql-file.js';

export interface HandlerRow {
  category_code: string;
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

/** Who handles each category in a province, best first. */
export async function categoryHandlers(db: Queryable, province: string, categories: string[]): Promise<HandlerRow[]> {
  return (await db.query<HandlerRow>(sqlFile('channels_handlers'), [province, categories])).rows;
}
