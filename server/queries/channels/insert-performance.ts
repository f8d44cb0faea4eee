import type { Queryable } from '../../../db/database.js';
import { sqlFile } from '../../../db/sql-file.js';
import type { TargetKind } from './channel-target.js';

export interface PerformanceInput {
  kind: TargetKind;
  id: string;
  jurisdictionId: string;
  waitMinutes: number | null;
  standardMetPct: number | null;
  periodStart: string | null;
  periodEnd: string | null;
  measuredAt: Date;
  validForMinutes: number;
  apiKeyId: number | null;
}

/** Stores one pushed performance document. */
export async function insertPerformance(db: Queryable, p: PerformanceInput) {
  const r = await db.query<{ id: number; measured_at: Date; valid_until: Date; received_at: Date }>(
    sqlFile('channels_insert_performance'),
    [
      p.kind,
      p.id,
      p.jurisdictionId,
      p.waitMinutes,
      p.standardMetPct,
      p.periodStart,
      p.periodEnd,
      p.measuredAt.toISOString(),
      p.validForMinutes,
      p.apiKeyId,
    ],
  );
  return r.rows[0]!;
}
