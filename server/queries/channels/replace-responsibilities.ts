import type { Database } from '../../../db/database.js';
import { sqlFile } from '../../../db/sql-file.js';

export interface HandlerInput {
  level: string;
  jurisdiction_id: string | null;
  rank: number;
  note_en: string | null;
  note_fr: string | null;
  /** The official page the steward cites, the day it was read and what it says; null when none. */
  source_url: string | null;
  source_checked_on: string | null;
  source_note: string | null;
}

/** Replaces who handles one category in one province, atomically. */
export async function replaceResponsibilities(
  db: Database,
  province: string,
  category: string,
  handlers: HandlerInput[],
  apiKeyId: number,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(sqlFile('channels_delete_responsibilities'), [province, category]);
    await tx.query(sqlFile('channels_replace_responsibilities'), [
      province,
      category,
      JSON.stringify(handlers),
      apiKeyId,
    ]);
  });
}
