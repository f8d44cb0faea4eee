import type { Level } from '../../contract/common.js';
import type { VersionStatus } from '../../contract/feeds.js';
import type { Queryable } from '../../db/database.js';
import { sqlFile } from '../../db/sql-file.js';
import type { FeedSpec } from '../../data-loaders/lib/point-record.js';

export interface FeedRow {
  id: string;
  jurisdiction_id: string;
  jurisdiction_name_en: string;
  jurisdiction_name_fr: string;
  level: Level;
  name_en: string;
  name_fr: string;
  format: 'csv' | 'geojson' | 'hsds' | 'adapter';
  source_url: string | null;
  licence: string | null;
  attribution_en: string | null;
  attribution_fr: string | null;
  mapping: Record<string, string>;
  is_synthetic: boolean;
  created_at: Date | string;
  published_version_id: number | null;
  published_at: Date | string | null;
  rows_read: number | null;
  rows_accepted: number | null;
  rows_rejected: number | null;
  rows_geocoded: number | null;
  rows_warned: number | null;
  published_points: number;
  located_points: number;
  latest_version_id: number | null;
  latest_status: VersionStatus | null;
  latest_created_at: Date | string | null;
  versions: number;
}

/** Feeds (of one jurisdiction, or one feed, or all) with their published version and counts. */
export async function listFeeds(
  db: Queryable,
  filter: { jurisdictionId?: string | null; feedId?: string | null } = {},
): Promise<FeedRow[]> {
  return (await db.query<FeedRow>(sqlFile('list_feeds'), [filter.jurisdictionId ?? null, filter.feedId ?? null])).rows;
}

/** The loader's description of a stored feed (what an upload or a pull imports into). */
export function feedSpecOf(f: FeedRow): FeedSpec {
  return {
    id: f.id,
    jurisdiction_id: f.jurisdiction_id,
    name_en: f.name_en,
    name_fr: f.name_fr,
    format: f.format,
    source_url: f.source_url,
    licence: f.licence,
    attribution_en: f.attribution_en,
    attribution_fr: f.attribution_fr,
    is_synthetic: f.is_synthetic,
  };
}
