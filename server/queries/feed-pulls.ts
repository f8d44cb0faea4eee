import type { Queryable } from '../../db/database.js';
import { sqlFile } from '../../db/sql-file.js';

export interface PullScheduleRow {
  feed_id: string;
  jurisdiction_id: string;
  interval_minutes: number;
  is_enabled: boolean;
  publish: boolean;
  next_run_at: Date | string;
  claimed_until: Date | string | null;
  etag: string | null;
  last_modified: string | null;
  checksum: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

export type PullOutcome = 'running' | 'unchanged' | 'staged' | 'published' | 'failed';

export interface PullRow {
  id: number;
  feed_id: string;
  trigger: 'schedule' | 'manual';
  source_url: string | null;
  started_at: Date | string;
  finished_at: Date | string | null;
  outcome: PullOutcome;
  http_status: number | null;
  bytes: number | null;
  version_id: number | null;
  version_status: string | null;
  error_code: string | null;
  message_en: string | null;
  message_fr: string | null;
}

/** What a claim hands the pull: the schedule's choice to publish and the last pull's validators. */
export interface PullClaim {
  feed_id: string;
  jurisdiction_id: string;
  publish: boolean;
  etag: string | null;
  last_modified: string | null;
  checksum: string | null;
  /** The source URL the validators came from. */
  validated_url: string | null;
}

/** A feed's pull schedule, or null. */
export async function pullSchedule(db: Queryable, feedId: string): Promise<PullScheduleRow | null> {
  return (await db.query<PullScheduleRow>(sqlFile('pull_schedule_get'), [feedId])).rows[0] ?? null;
}

/** Sets (or changes) a feed's pull schedule. */
export async function upsertPullSchedule(
  db: Queryable,
  s: {
    feedId: string;
    jurisdictionId: string;
    intervalMinutes: number;
    enabled: boolean;
    publish: boolean;
    keyId: number;
  },
): Promise<void> {
  await db.query(sqlFile('pull_schedule_upsert'), [
    s.feedId,
    s.jurisdictionId,
    s.intervalMinutes,
    s.enabled,
    s.publish,
    s.keyId,
  ]);
}

/** Removes a feed's pull schedule; false when it had none. */
export async function deletePullSchedule(db: Queryable, feedId: string, jurisdictionId: string): Promise<boolean> {
  return (await db.query(sqlFile('pull_schedule_delete'), [feedId, jurisdictionId])).rowCount > 0;
}

/** Feeds whose pull is due and free, oldest due first. */
export async function duePulls(db: Queryable, limit: number): Promise<{ feed_id: string; jurisdiction_id: string }[]> {
  return (await db.query<{ feed_id: string; jurisdiction_id: string }>(sqlFile('pull_due'), [limit])).rows;
}

/** Claims a feed's pull for `worker` (FOR UPDATE SKIP LOCKED); null when another holds it or it is not due. */
export async function claimPull(
  db: Queryable,
  c: { feedId: string; worker: string; leaseSeconds: number; manual: boolean },
): Promise<PullClaim | null> {
  const r = await db.query<PullClaim>(sqlFile('pull_claim'), [c.feedId, c.worker, c.leaseSeconds, c.manual]);
  return r.rows[0] ?? null;
}

/** Ends `worker`'s claim; with `validators`, keeps them for the next conditional request. */
export async function releasePull(
  db: Queryable,
  feedId: string,
  worker: string,
  validators: { etag: string | null; lastModified: string | null; checksum: string | null; url: string } | null,
): Promise<void> {
  await db.query(sqlFile('pull_release'), [
    feedId,
    worker,
    validators !== null,
    validators?.etag ?? null,
    validators?.lastModified ?? null,
    validators?.checksum ?? null,
    validators?.url ?? null,
  ]);
}

/** Records the start of a claimed pull; answers its id. */
export async function startPull(
  db: Queryable,
  p: { feedId: string; jurisdictionId: string; trigger: 'schedule' | 'manual'; sourceUrl: string | null },
): Promise<number> {
  const r = await db.query<{ id: number }>(sqlFile('pull_start'), [p.feedId, p.jurisdictionId, p.trigger, p.sourceUrl]);
  return Number(r.rows[0]!.id);
}

export interface PullEnd {
  outcome: Exclude<PullOutcome, 'running'>;
  httpStatus: number | null;
  bytes: number | null;
  versionId: number | null;
  error: { code: string; en: string; fr: string } | null;
}

/** Records how a pull ended. */
export async function finishPull(db: Queryable, id: number, end: PullEnd): Promise<void> {
  await db.query(sqlFile('pull_finish'), [
    id,
    end.outcome,
    end.httpStatus,
    end.bytes,
    end.versionId,
    end.error?.code ?? null,
    end.error?.en ?? null,
    end.error?.fr ?? null,
  ]);
}

/** One page of a feed's pull history, newest first. */
export async function listPulls(
  db: Queryable,
  p: { feedId: string; jurisdictionId: string; limit: number; offset: number },
): Promise<PullRow[]> {
  return (await db.query<PullRow>(sqlFile('pulls_list'), [p.feedId, p.jurisdictionId, p.limit, p.offset])).rows;
}
