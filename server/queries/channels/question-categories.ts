import type { Queryable } from '../../../db/database.js';
import { sqlFile } from '../../../db/sql-file.js';

export interface QuestionCategory {
  code: string;
  name_en: string;
  name_fr: string;
  usual_levels: string[];
  position: number;
}

/** The categories asked about: the codes given, or a life event's categories in its order. */
export async function questionCategories(
  db: Queryable,
  codes: string[] | null,
  lifeEvent: string | null,
): Promise<QuestionCategory[]> {
  return (await db.query<QuestionCategory>(sqlFile('channels_categories'), [codes, lifeEvent])).rows;
}
