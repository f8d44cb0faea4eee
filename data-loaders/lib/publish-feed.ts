import { createHash } from 'node:crypto';
import type { Database, Queryable } from '../../server/db/database.js';
import type { LoadReport } from './load-report.js';
import type { FeedSpec, PointRecord } from './point-record.js';

const BATCH = 1000;

/** The public id of a source record: stable across versions of its feed. */
export function stablePointId(feedId: string, sourceId: string): string {
  return createHash('sha256').update(`${feedId}\u0000${sourceId}`).digest('hex').slice(0, 16);
}

/** Creates the feed or refreshes its descriptive fields. */
export async function upsertFeed(tx: Queryable, spec: FeedSpec): Promise<void> {
  await tx.query(
    `INSERT INTO feeds (id, jurisdiction_id, name_en, name_fr, format, adapter, source_url, licence, attribution_en, attribution_fr, is_synthetic)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (id) DO UPDATE SET
       name_en = EXCLUDED.name_en, name_fr = EXCLUDED.name_fr, format = EXCLUDED.format, adapter = EXCLUDED.adapter,
       source_url = EXCLUDED.source_url, licence = EXCLUDED.licence, attribution_en = EXCLUDED.attribution_en,
       attribution_fr = EXCLUDED.attribution_fr, is_synthetic = EXCLUDED.is_synthetic
     WHERE feeds.jurisdiction_id = EXCLUDED.jurisdiction_id`,
    [
      spec.id, spec.jurisdiction_id, spec.name_en, spec.name_fr, spec.format, spec.adapter ?? null, spec.source_url ?? null,
      spec.licence ?? null, spec.attribution_en ?? null, spec.attribution_fr ?? null, spec.is_synthetic ?? false,
    ],
  );
}

async function insertBatch(tx: Queryable, feed: FeedSpec, versionId: number, batch: PointRecord[]): Promise<void> {
  const rows = batch.map((p) => ({ ...p, id: stablePointId(feed.id, p.source_id) }));
  await tx.query(
    `INSERT INTO service_points (id, feed_version_id, feed_id, jurisdiction_id, source_id, name_en, name_fr, organization,
       categories, address, city, province, postal_code, phone, email, website, hours, languages, accessibility,
       lon, lat, geocode_quality, extra)
     SELECT r.id, $2, $3, $4, r.source_id, r.name_en, r.name_fr, r.organization,
       coalesce(r.categories, '{}'), r.address, r.city, r.province, r.postal_code, r.phone, r.email, r.website, r.hours,
       coalesce(r.languages, '{}'), coalesce(r.accessibility, '{}'), r.lon, r.lat, r.geocode_quality, coalesce(r.extra, '{}')
     FROM jsonb_to_recordset($1::jsonb) AS r(id text, source_id text, name_en text, name_fr text, organization text,
       categories text[], address text, city text, province text, postal_code text, phone text, email text, website text,
       hours jsonb, languages text[], accessibility text[], lon float8, lat float8, geocode_quality text, extra jsonb)`,
    [JSON.stringify(rows), versionId, feed.id, feed.jurisdiction_id],
  );
}

/** Inserts a staged version and its rows; counts come from the report once every row is in. */
export async function stageVersion(
  tx: Queryable,
  feed: FeedSpec,
  input: { checksum: string; sourceName: string; records: AsyncIterable<PointRecord> | Iterable<PointRecord>; report: LoadReport },
): Promise<number> {
  const v = await tx.query<{ id: number }>(
    `INSERT INTO feed_versions (feed_id, status, checksum, source_name) VALUES ($1, 'staged', $2, $3) RETURNING id`,
    [feed.id, input.checksum, input.sourceName],
  );
  const versionId = v.rows[0]!.id;
  let batch: PointRecord[] = [];
  for await (const record of input.records) {
    batch.push(record);
    if (batch.length >= BATCH) {
      await insertBatch(tx, feed, versionId, batch);
      batch = [];
    }
  }
  if (batch.length > 0) await insertBatch(tx, feed, versionId, batch);
  const report = input.report;
  await tx.query(
    `UPDATE feed_versions SET rows_read = $2, rows_accepted = $3, rows_rejected = $4, rows_geocoded = $5, rows_warned = $6, report = $7::jsonb
     WHERE id = $1`,
    [versionId, report.rows, report.accepted, report.rejected, report.geocoded, report.warned, JSON.stringify(report.toJSON())],
  );
  return versionId;
}

/** Makes `versionId` the one published version of its feed; the previous one becomes `previousStatus`. */
export async function publishVersion(
  tx: Queryable,
  feedId: string,
  versionId: number,
  previousStatus: 'superseded' | 'rolled_back' = 'superseded',
): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`feed:${feedId}`]);
  const prev = await tx.query<{ id: number }>(
    `UPDATE feed_versions SET status = $3 WHERE feed_id = $1 AND status = 'published' AND id <> $2 RETURNING id`,
    [feedId, versionId, previousStatus],
  );
  for (const p of prev.rows) {
    await tx.query('UPDATE service_points SET is_published = false WHERE feed_version_id = $1 AND is_published', [p.id]);
  }
  const r = await tx.query(
    `UPDATE feed_versions SET status = 'published', published_at = now() WHERE id = $1 AND feed_id = $2 RETURNING id`,
    [versionId, feedId],
  );
  if (r.rowCount !== 1) throw new Error(`Feed version ${versionId} does not belong to feed ${feedId}`);
  await tx.query('UPDATE service_points SET is_published = true WHERE feed_version_id = $1', [versionId]);
}

export type LoadOutcome =
  | { status: 'published'; versionId: number }
  | { status: 'unchanged'; versionId: number };

/**
 * Stages and publishes a feed version in one transaction. A failure anywhere
 * rolls everything back, so the previously published version is untouched.
 * Identical content (same checksum as the published version) creates nothing.
 */
export async function loadAndPublish(
  db: Database,
  feed: FeedSpec,
  input: { checksum: string; sourceName: string; records: AsyncIterable<PointRecord> | Iterable<PointRecord>; report: LoadReport },
): Promise<LoadOutcome> {
  return db.transaction(async (tx) => {
    // Concurrent loads of one feed wait for each other.
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`feed:${feed.id}`]);
    await upsertFeed(tx, feed);
    const current = await tx.query<{ id: number; checksum: string }>(
      `SELECT id, checksum FROM feed_versions WHERE feed_id = $1 AND status = 'published'`,
      [feed.id],
    );
    const published = current.rows[0];
    if (published && published.checksum === input.checksum) return { status: 'unchanged', versionId: published.id };
    const versionId = await stageVersion(tx, feed, input);
    await publishVersion(tx, feed.id, versionId);
    return { status: 'published', versionId };
  });
}

/** A checksum over the bytes of every input file, in order. */
export function checksumOf(...parts: (Buffer | string)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
}
