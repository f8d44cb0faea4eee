import { createHash } from 'node:crypto';
import { lockFeed } from './lock-feed.js';
import type { Database, Queryable } from '../../db/database.js';
import { withPlannerOff } from '../../db/planner-settings.js';
import { refreshCoverageAfterPublish } from './coverage/coverage-store.js';
import { hexDigest } from './hex-digest.js';
import type { LoadReport } from './load-report.js';
import type { FeedSpec, PointRecord } from './point-record.js';
import { sqlFile } from '../../db/sql-file.js';

const BATCH = 2000;

/** The public id of a source record: stable across versions of its feed. */
export function stablePointId(feedId: string, sourceId: string): string {
  return hexDigest('sha256', `${feedId}\u0000${sourceId}`).slice(0, 16);
}

/** A load into a feed id that another jurisdiction holds: refused, never merged. */
export class FeedOfOtherJurisdiction extends Error {
  constructor(
    readonly feedId: string,
    readonly owner: string,
    readonly wanted: string,
  ) {
    super(`The feed ${feedId} belongs to ${owner}; a load for ${wanted} cannot write to it.`);
    this.name = 'FeedOfOtherJurisdiction';
  }
}

/**
 * Creates the feed or refreshes its descriptive fields. A feed id held by
 * another jurisdiction throws FeedOfOtherJurisdiction: a load must never put
 * one government's rows under another government's feed.
 */
export async function upsertFeed(tx: Queryable, spec: FeedSpec): Promise<void> {
  const r = await tx.query<{ jurisdiction_id: string }>(sqlFile('feed_upsert'), [
    spec.id,
    spec.jurisdiction_id,
    spec.name_en,
    spec.name_fr,
    spec.format,
    spec.adapter ?? null,
    spec.source_url ?? null,
    spec.licence ?? null,
    spec.attribution_en ?? null,
    spec.attribution_fr ?? null,
    spec.is_synthetic ?? false,
  ]);
  if (r.rows.length > 0) return;
  const owner = await tx.query<{ jurisdiction_id: string }>(sqlFile('feed_owner'), [spec.id]);
  throw new FeedOfOtherJurisdiction(
    spec.id,
    owner.rows[0]?.jurisdiction_id ?? 'another jurisdiction',
    spec.jurisdiction_id,
  );
}

/**
 * A batch as the JSON array insertBatch reads: each record with its public id
 * (last, so it wins over any id the record carries, as the spread it replaces
 * did), written without copying the record.
 */
function batchJson(feed: FeedSpec, batch: PointRecord[]): string {
  const parts = batch.map((p) => {
    const body = JSON.stringify(p);
    const id = `"id":${JSON.stringify(stablePointId(feed.id, p.source_id))}`;
    return body === '{}' ? `{${id}}` : `${body.slice(0, -1)},${id}}`;
  });
  return `[${parts.join(',')}]`;
}

async function insertBatch(
  tx: Queryable,
  feed: FeedSpec,
  versionId: number,
  json: string,
  published: boolean,
): Promise<void> {
  await tx.query(sqlFile('service_points_insert_batch'), [json, versionId, feed.id, feed.jurisdiction_id, published]);
}

/** Inserts a staged version and its rows; counts come from the report once every row is in. */
export async function stageVersion(
  tx: Queryable,
  feed: FeedSpec,
  input: {
    checksum: string;
    sourceName: string;
    records: AsyncIterable<PointRecord> | Iterable<PointRecord>;
    report: LoadReport;
    /**
     * Rows go in already marked published when the caller publishes in the same
     * transaction: nobody sees them before COMMIT, and each row is written once.
     */
    publishing?: boolean;
  },
): Promise<number> {
  const v = await tx.query<{ id: number }>(sqlFile('feed_version_stage'), [feed.id, input.checksum, input.sourceName]);
  const versionId = v.rows[0]!.id;
  const published = input.publishing ?? false;
  // One batch goes to the database while the next one is read and validated:
  // awaiting each insert left the database idle during validation and the
  // loader idle during the insert (100,000 rows: about half the time each way).
  // At most one insert is in flight on the transaction's connection, and every
  // one is awaited before the next, so an insert's error still ends the load.
  let inFlight: Promise<void> | null = null;
  const send = async (rows: PointRecord[]): Promise<void> => {
    // Serialized before waiting, so the next insert leaves the moment the last one is done.
    const json = batchJson(feed, rows);
    if (inFlight) await inFlight;
    inFlight = insertBatch(tx, feed, versionId, json, published);
    // Its error is seen by the next await; this only keeps it from being reported as unhandled meanwhile.
    inFlight.catch(() => undefined);
  };
  let batch: PointRecord[] = [];
  try {
    for await (const record of input.records) {
      batch.push(record);
      if (batch.length >= BATCH) {
        await send(batch);
        batch = [];
      }
    }
    if (batch.length > 0) await send(batch);
    if (inFlight) await inFlight;
  } finally {
    // A reader that throws (a rejected feed) waits for the insert on the wire before the rollback.
    if (inFlight) await (inFlight as Promise<void>).catch(() => undefined);
  }
  const report = input.report;
  await tx.query(sqlFile('feed_version_set_report'), [
    versionId,
    report.rows,
    report.accepted,
    report.rejected,
    report.geocoded,
    report.warned,
    JSON.stringify(report.toJSON()),
  ]);
  return versionId;
}

/** Makes `versionId` the one published version of its feed; the previous one becomes `previousStatus`. */
export async function publishVersion(
  tx: Queryable,
  feedId: string,
  versionId: number,
  previousStatus: 'superseded' | 'rolled_back' = 'superseded',
): Promise<void> {
  await lockFeed(tx, feedId);
  const prev = await tx.query<{ id: number }>(sqlFile('feed_version_retire_published'), [
    feedId,
    versionId,
    previousStatus,
  ]);
  for (const p of prev.rows) {
    await tx.query(sqlFile('service_points_unpublish_version'), [p.id]);
  }
  const r = await tx.query(sqlFile('feed_version_publish'), [versionId, feedId]);
  if (r.rowCount !== 1) throw new Error(`Feed version ${versionId} does not belong to feed ${feedId}`);
  await tx.query(sqlFile('service_points_publish_version'), [versionId]);
  await refreshPointPairs(tx, feedId);
  // Analysts' coverage (and the tiles built on it) must match what was just published.
  await refreshCoverageAfterPublish(tx, feedId, [versionId, ...prev.rows.map((p) => p.id)]);
}

/** How close two published points of different feeds must be to form a pair, and how alike their names. */
export const PAIR_MAX_M = 300;
export const DUPLICATE_MIN_SIMILARITY = 0.45;

/**
 * Recomputes the pairs that involve `feedId`'s published points: points of
 * another feed within PAIR_MAX_M. Points located at their own coordinates or
 * civic address are measured; points that sit on a postal-code or community
 * point share that point with every neighbour, so for them only a similar
 * name makes a pair, flagged approximate (the analyses report those as "same
 * community", never in metres). Pairs that still hold keep their first_seen_at.
 */
export async function refreshPointPairs(tx: Queryable, feedId: string): Promise<void> {
  await tx.query(sqlFile('point_pairs_fresh_table'));
  await tx.query(sqlFile('point_pairs_fresh_clear'));
  // No other feed has a published, located point: there is nothing to pair
  // with, and the probe below would still walk the index once per location
  // (100,000 locations: 1.4 s for an empty answer). Published points are
  // exactly the rows of published versions, so looking from those versions
  // (through the version index) answers at once; the stale pairs are still
  // deleted below.
  const others = await tx.query<{ has_other: boolean }>(sqlFile('point_pairs_other_feeds_located'), [feedId]);
  if (others.rows[0]?.has_other) await probePointPairs(tx, feedId);
  await tx.query(sqlFile('point_pairs_delete_stale'), [feedId]);
  await tx.query(sqlFile('point_pairs_upsert_fresh'));
  await tx.query(sqlFile('point_pairs_fresh_clear'));
}

/** Fills fresh_point_pairs with the pairs of `feedId`'s published points (see refreshPointPairs). */
async function probePointPairs(tx: Queryable, feedId: string): Promise<void> {
  // The neighbours of the feed's points are found from each distinct location
  // once: many points of one feed can share a location (every office geocoded
  // to the same community point), and probing from each of them would walk
  // the same crowd of the feed's own points again and again (quadratic: 30,000
  // rows, 5,500 of them at one town's point, took minutes). The walk is a
  // lateral probe of the geography index whatever the statistics say: this
  // transaction may just have added tens of thousands of points to a table
  // that autovacuum last saw nearly empty (after an interrupted load, say),
  // and the planner then joined every point to every point. OFFSET 0 keeps
  // the probe lateral; the planner settings last until the statement is done.
  await withPlannerOff(tx, ['enable_seqscan', 'enable_bitmapscan'], () =>
    tx.query(sqlFile('point_pairs_probe'), [feedId, DUPLICATE_MIN_SIMILARITY, PAIR_MAX_M]),
  );
}

/**
 * Republishes the version published before the current one; the current one
 * becomes 'rolled_back'. Returns null when there is nothing to go back to.
 */
export async function rollbackFeed(
  db: Database,
  feedId: string,
): Promise<{ rolledBack: number | null; published: number } | null> {
  return db.transaction(async (tx) => {
    await lockFeed(tx, feedId);
    const currentId = (await publishedVersion(tx, feedId))?.id ?? null;
    const previous = await tx.query<{ id: number }>(sqlFile('feed_version_previous'), [feedId, currentId]);
    const prev = previous.rows[0];
    if (!prev) return null;
    await publishVersion(tx, feedId, prev.id, 'rolled_back');
    return { rolledBack: currentId, published: prev.id };
  });
}

/**
 * Records a load that failed as a whole: written outside the load's
 * transaction (which rolled back), so the history shows every attempt.
 */
export async function recordFailedVersion(
  db: Database,
  feed: FeedSpec,
  input: { checksum: string; sourceName: string; report: LoadReport },
): Promise<number | null> {
  try {
    await upsertFeed(db, feed);
    const r = input.report;
    const v = await db.query<{ id: number }>(sqlFile('feed_version_failed'), [
      feed.id,
      input.checksum,
      input.sourceName,
      r.rows,
      r.accepted,
      r.rejected,
      r.geocoded,
      r.warned,
      JSON.stringify(r.toJSON()),
    ]);
    return v.rows[0]?.id ?? null;
  } catch {
    // The database itself is gone (the reason the load failed): nothing more can be recorded.
    return null;
  }
}

export type WriteOutcome =
  { status: 'staged' | 'published'; versionId: number } | { status: 'unchanged'; versionId: number };

/**
 * The one write of a feed version, inside one transaction: the feed's lock
 * (concurrent loads of one feed wait for each other), its row, the checksum
 * check (identical content to the published version creates nothing), the
 * staged version with its rows, and, when asked, the publish. A failure
 * anywhere rolls everything back, so the published version is untouched.
 * Rows reach it already validated: importRows (import-feed.ts) is the path
 * every loader, upload and pull takes.
 */
export async function writeVersion(
  db: Database,
  feed: FeedSpec,
  input: {
    checksum: string;
    sourceName: string;
    records: AsyncIterable<PointRecord> | Iterable<PointRecord>;
    report: LoadReport;
    publish: boolean;
  },
): Promise<WriteOutcome> {
  return db.transaction(async (tx) => {
    await lockFeed(tx, feed.id);
    await upsertFeed(tx, feed);
    // Also catches another load of the same content that finished while this one waited for the lock.
    const current = await publishedVersion(tx, feed.id);
    if (current && current.checksum === input.checksum) return { status: 'unchanged', versionId: current.id };
    const versionId = await stageVersion(tx, feed, { ...input, publishing: input.publish });
    if (!input.publish) return { status: 'staged', versionId };
    await publishVersion(tx, feed.id, versionId);
    return { status: 'published', versionId };
  });
}

/** The published version of a feed, with its checksum and stored report; undefined when none is. */
export async function publishedVersion(
  db: Queryable,
  feedId: string,
): Promise<{ id: number; checksum: string; report: unknown } | undefined> {
  const r = await db.query<{ id: number; checksum: string; report: unknown }>(sqlFile('feed_version_published'), [
    feedId,
  ]);
  return r.rows[0];
}

export type LoadOutcome = { status: 'published'; versionId: number } | { status: 'unchanged'; versionId: number };

/**
 * Publishes records built in code, not read from a feed (test fixtures): the
 * same write as every load (writeVersion), without the row schema, which reads
 * feed cells. No loader or upload uses it; they go through importRows.
 */
export async function loadAndPublish(
  db: Database,
  feed: FeedSpec,
  input: {
    checksum: string;
    sourceName: string;
    records: AsyncIterable<PointRecord> | Iterable<PointRecord>;
    report: LoadReport;
  },
): Promise<LoadOutcome> {
  return (await writeVersion(db, feed, { ...input, publish: true })) as LoadOutcome;
}

/** A checksum over the bytes of every input file, in order. */
export function checksumOf(...parts: (Buffer | string)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
}
