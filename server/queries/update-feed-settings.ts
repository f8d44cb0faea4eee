import type { Queryable } from '../../db/database.js';
import { sqlFile } from '../../db/sql-file.js';

/** A steward's change to a feed's settings: a key left out keeps its value, null clears it. */
export interface FeedSettingsPatch {
  licence?: string | null;
  attribution_en?: string | null;
  attribution_fr?: string | null;
  source_url?: string | null;
  mapping?: Record<string, string> | null;
}

/** Writes the settings a patch names; false when no feed has this id. */
export async function updateFeedSettings(db: Queryable, feedId: string, patch: FeedSettingsPatch): Promise<boolean> {
  const r = await db.query(sqlFile('update_feed_settings'), [feedId, JSON.stringify(patch)]);
  return r.rowCount > 0;
}
