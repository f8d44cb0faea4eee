import type { Queryable } from '../../../db/database.js';
import { sqlFile } from '../../../db/sql-file.js';

export type ReportStatus = 'new' | 'acknowledged' | 'resolved';

export interface PointReportRow {
  id: string;
  point_id: string;
  point_name: string;
  feed_id: string;
  feed_version_id: number | string | null;
  message: string;
  email: string | null;
  lang: 'en' | 'fr';
  status: ReportStatus;
  created_at: Date | string;
  updated_at: Date | string;
  point_published: boolean;
}

/** Files a report against a published point; false when no published point has the id. */
export async function insertPointReport(
  db: Queryable,
  r: { id: string; pointId: string; message: string; email: string | null; lang: 'en' | 'fr' },
): Promise<boolean> {
  const res = await db.query(sqlFile('point_report_insert'), [r.id, r.pointId, r.message, r.email, r.lang]);
  return res.rowCount > 0;
}

/** One page of a feed's reports for the stewards of its jurisdiction, newest first. */
export async function listPointReports(
  db: Queryable,
  p: { feedId: string; jurisdictionId: string; statuses: ReportStatus[] | null; limit: number; offset: number },
): Promise<PointReportRow[]> {
  return (
    await db.query<PointReportRow>(sqlFile('point_reports_list'), [
      p.feedId,
      p.jurisdictionId,
      p.statuses,
      p.limit,
      p.offset,
    ])
  ).rows;
}

/** Sets a report's status; null when the feed of that jurisdiction has no such report. */
export async function setPointReportStatus(
  db: Queryable,
  p: { id: string; feedId: string; jurisdictionId: string; status: ReportStatus; keyId: number },
): Promise<{ id: string; status: ReportStatus; updated_at: Date | string } | null> {
  const r = await db.query<{ id: string; status: ReportStatus; updated_at: Date | string }>(
    sqlFile('point_report_set_status'),
    [p.id, p.feedId, p.jurisdictionId, p.status, p.keyId],
  );
  return r.rows[0] ?? null;
}
