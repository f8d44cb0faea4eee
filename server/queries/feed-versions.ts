import type { ValidationReport, VersionStatus } from '../../contract/feeds.js';
import type { Queryable } from '../../db/database.js';
import { sqlFile } from '../../db/sql-file.js';

export interface FeedVersionRow {
  id: number;
  feed_id: string;
  status: VersionStatus;
  checksum: string;
  source_name: string | null;
  rows_read: number;
  rows_accepted: number;
  rows_rejected: number;
  rows_geocoded: number;
  rows_warned: number;
  created_at: Date | string;
  published_at: Date | string | null;
  /** The stored validation report; only when one version is asked for. */
  report: ValidationReport | null;
}

/** A feed's versions, newest first; with `versionId`, that one version and its full report. */
export async function feedVersions(
  db: Queryable,
  feedId: string,
  page: { limit: number; offset: number; versionId?: number | null },
): Promise<FeedVersionRow[]> {
  return (
    await db.query<FeedVersionRow>(sqlFile('feed_versions'), [feedId, page.limit, page.offset, page.versionId ?? null])
  ).rows;
}
