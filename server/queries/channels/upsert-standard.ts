import type { Queryable } from '../../../db/database.js';
import { sqlFile } from '../../../db/sql-file.js';
import type { StandardJson } from './channel-row.js';
import type { TargetKind } from './channel-target.js';

export interface StandardInput {
  kind: TargetKind;
  id: string;
  jurisdictionId: string;
  textEn: string;
  textFr: string;
  targetPct: number | null;
  targetMinutes: number | null;
  sourceUrl: string | null;
}

/** Sets a steward's published standard for a channel or point. */
export async function upsertStandard(db: Queryable, s: StandardInput): Promise<StandardJson> {
  const r = await db.query<{ standard: StandardJson }>(sqlFile('channels_upsert_standard'), [
    s.kind,
    s.id,
    s.jurisdictionId,
    s.textEn,
    s.textFr,
    s.targetPct,
    s.targetMinutes,
    s.sourceUrl,
  ]);
  return r.rows[0]!.standard;
}
