import type { Queryable } from '../../../db/database.js';
import { sqlFile } from '../../../db/sql-file.js';
import type { PerformanceJson, StandardJson } from './channel-row.js';

export interface StandardsReportRow {
  target_kind: 'channel' | 'point';
  target_id: string;
  jurisdiction_id: string;
  name_en: string;
  name_fr: string;
  channel_kind: 'online' | 'phone' | 'in_person' | null;
  standard: StandardJson | null;
  performance: PerformanceJson | null;
}

/** Published standards against the latest pushed performance. */
export async function standardsReport(
  db: Queryable,
  jurisdictions: string[] | null,
  kinds: string[] | null,
): Promise<StandardsReportRow[]> {
  return (await db.query<StandardsReportRow>(sqlFile('channels_standards_report'), [jurisdictions, kinds])).rows;
}
