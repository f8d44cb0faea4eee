import { z } from 'zod';
import { geocodeQuality, level, timestamp } from './common.js';

/** Rows read, accepted, rejected, located by geocoding, and warned about. */
export const versionCounts = z.strictObject({
  rows: z.number(),
  accepted: z.number(),
  rejected: z.number(),
  geocoded: z.number(),
  warnings: z.number(),
});
export type VersionCounts = z.infer<typeof versionCounts>;

/** The counts of one import: a version's counts and how many rows have a map position. */
export const validationCounts = versionCounts.extend({ located: z.number() });
export type ValidationCounts = z.infer<typeof validationCounts>;

/** One finding about one row of a file (row 0: the file as a whole), in both official languages. */
export const validationIssue = z.strictObject({
  row: z.number().int(),
  field: z.string(),
  value: z.string().nullable(),
  code: z.string(),
  message_en: z.string(),
  message_fr: z.string(),
  /** error: the row is rejected. warning: the row is kept. */
  severity: z.enum(['error', 'warning']),
});
export type ValidationIssue = z.infer<typeof validationIssue>;

const reportFields = {
  counts: validationCounts,
  issues: z.array(validationIssue),
  issues_total: z.number(),
  issues_not_shown: z.number(),
  issues_by_code: z.record(z.string(), z.number()),
  located_by: z.record(geocodeQuality, z.number()),
};

/** The validation report stored with a version. */
export const validationReport = z.strictObject({
  ...reportFields,
  /** How the file was read: format, encoding, delimiter. */
  format: z
    .strictObject({ format: z.string(), encoding: z.string().optional(), delimiter: z.string().optional() })
    .nullable(),
  /** Our field -> the file's column that filled it. */
  columns: z.record(z.string(), z.string()).nullable(),
});
export type ValidationReport = z.infer<typeof validationReport>;

/** A version's state: staged (checked, not shown), published (the one shown), superseded or rolled back (shown before), failed. */
export const versionStatus = z.enum(['staged', 'published', 'superseded', 'rolled_back', 'failed']);

export type VersionStatus = z.infer<typeof versionStatus>;

export const importStatus = z.enum(['staged', 'published', 'unchanged', 'failed']);

/** POST /api/feeds/{id}/versions: what became of an upload, with its validation report. */
export const uploadResult = z.strictObject({
  /** Null when nothing was stored (a file that could not be read at all). */
  version_id: z.number().int().nullable(),
  status: importStatus,
  ...reportFields,
});
export type UploadResult = z.infer<typeof uploadResult>;

/** A feed of one jurisdiction, with its published and latest versions. */
export const feed = z.strictObject({
  id: z.string(),
  name: z.string(),
  name_en: z.string(),
  name_fr: z.string(),
  jurisdiction_id: z.string(),
  jurisdiction_name: z.string(),
  level,
  format: z.string(),
  source_url: z.string().nullable(),
  licence: z.string().nullable(),
  attribution: z.string().nullable(),
  /** Our field -> the file's column, for files whose headers are not recognised. */
  mapping: z.record(z.string(), z.string()),
  is_synthetic: z.boolean(),
  created_at: timestamp,
  published_version: z
    .strictObject({
      id: z.number().int(),
      published_at: z.string().nullable(),
      counts: versionCounts,
      points: z.number(),
      located_points: z.number(),
    })
    .nullable(),
  latest_version: z
    .strictObject({ id: z.number().int(), status: versionStatus, created_at: z.string().nullable() })
    .nullable(),
  versions: z.number(),
});
export type Feed = z.infer<typeof feed>;

/** GET /api/feeds (JSON). */
export const feedList = z.strictObject({ results: z.array(feed) });
export type FeedList = z.infer<typeof feedList>;

/** One version of a feed; `report` only on the version by id. */
export const feedVersion = z.strictObject({
  id: z.number().int(),
  /** The same as id (kept for clients written against the contract's first draft). */
  version_id: z.number().int(),
  feed_id: z.string(),
  status: versionStatus,
  source_name: z.string().nullable(),
  checksum: z.string(),
  counts: versionCounts,
  created_at: z.string().nullable(),
  published_at: z.string().nullable(),
  report: validationReport.optional(),
});
export type FeedVersion = z.infer<typeof feedVersion>;

/** GET /api/feeds/{id}/versions (JSON), newest first. */
export const feedVersionList = z.strictObject({
  feed_id: z.string(),
  limit: z.number().int(),
  offset: z.number().int(),
  results: z.array(feedVersion),
});
export type FeedVersionList = z.infer<typeof feedVersionList>;

/** POST /api/feeds/{id}/versions/{version_id}/publish. */
export const publishResult = z.strictObject({
  feed_id: z.string(),
  version_id: z.number().int(),
  status: z.literal('published'),
  previous_version_id: z.number().int().nullable(),
});
export type PublishResult = z.infer<typeof publishResult>;

/** POST /api/feeds/{id}/rollback. */
export const rollbackResult = z.strictObject({
  feed_id: z.string(),
  version_id: z.number().int(),
  status: z.literal('published'),
  /** Null when no version was published before (nothing rolled back but the republish). */
  rolled_back_version_id: z.number().int().nullable(),
});
export type RollbackResult = z.infer<typeof rollbackResult>;

/** GET /api/keys/me: what a steward's API key acts for. */
export const keyIdentity = z.strictObject({
  jurisdiction_id: z.string(),
  jurisdiction_name: z.string(),
  jurisdiction: z.strictObject({
    id: z.string(),
    level,
    name_en: z.string(),
    name_fr: z.string(),
    province: z.string().nullable(),
  }),
});
export type KeyIdentity = z.infer<typeof keyIdentity>;

export const pointReportStatus = z.enum(['new', 'acknowledged', 'resolved']);

/** A citizen's report of a problem, as the steward's inbox lists it. */
export const pointReport = z.strictObject({
  id: z.string(),
  point_id: z.string(),
  point_name: z.string(),
  point_published: z.boolean(),
  feed_id: z.string(),
  feed_version_id: z.number().int().nullable(),
  message: z.string(),
  email: z.string().nullable(),
  lang: z.enum(['en', 'fr']),
  status: pointReportStatus,
  created_at: timestamp,
  updated_at: timestamp,
});
export type PointReport = z.infer<typeof pointReport>;

/** GET /api/feeds/{id}/reports (JSON). */
export const pointReportList = z.strictObject({
  feed_id: z.string(),
  limit: z.number().int(),
  offset: z.number().int(),
  next_offset: z.number().int().nullable(),
  results: z.array(pointReport),
});
export type PointReportList = z.infer<typeof pointReportList>;

/** PATCH /api/feeds/{id}/reports/{rid}. */
export const pointReportUpdate = z.strictObject({ id: z.string(), status: pointReportStatus, updated_at: timestamp });
export type PointReportUpdate = z.infer<typeof pointReportUpdate>;

/** One fetch of a feed from its source URL, as the steward's pull history lists it. */
export const feedPull = z.strictObject({
  id: z.number(),
  feed_id: z.string(),
  trigger: z.enum(['schedule', 'manual']),
  source_url: z.string().nullable(),
  started_at: timestamp,
  finished_at: timestamp.nullable(),
  outcome: z.enum(['running', 'unchanged', 'staged', 'published', 'failed']),
  http_status: z.number().nullable(),
  bytes: z.number().nullable(),
  version_id: z.number().nullable(),
  version_status: z.string().nullable(),
  error: z
    .strictObject({ code: z.string(), message_en: z.string().nullable(), message_fr: z.string().nullable() })
    .nullable(),
});
export type FeedPull = z.infer<typeof feedPull>;

/** How often a feed is pulled from its source URL. */
export const pullSchedule = z.strictObject({
  feed_id: z.string(),
  source_url: z.string().nullable(),
  interval: z.enum(['hourly', 'daily', 'weekly']).nullable(),
  interval_minutes: z.number(),
  enabled: z.boolean(),
  publish: z.boolean(),
  next_run_at: timestamp.nullable(),
  running: z.boolean(),
  latest_pull: feedPull.nullable(),
});
export type PullSchedule = z.infer<typeof pullSchedule>;

/** What a steward sets: a named interval or a number of minutes (at least 15). */
export const pullScheduleInput = z.strictObject({
  interval: z.enum(['hourly', 'daily', 'weekly']).optional(),
  interval_minutes: z.number().optional(),
  enabled: z.boolean(),
  publish: z.boolean(),
});
export type PullScheduleInput = z.infer<typeof pullScheduleInput>;

/** A feed's steward settings (GET /api/feeds/{id}/settings). */
export const feedSettings = z.strictObject({
  id: z.string(),
  jurisdiction_id: z.string(),
  format: z.string(),
  licence: z.string().nullable(),
  attribution_en: z.string().nullable(),
  attribution_fr: z.string().nullable(),
  source_url: z.string().nullable(),
  /** Our field -> the file's column. */
  mapping: z.record(z.string(), z.string()),
  /** Every field a column can fill, in the server's order. */
  fields: z.array(z.string()),
});
export type FeedSettings = z.infer<typeof feedSettings>;

/** A file's first rows as a mapping reads them (POST /api/feeds/{id}/mapping-preview). */
export const mappingPreview = z.strictObject({
  feed_id: z.string(),
  format: z.string(),
  mapping: z.record(z.string(), z.string()),
  fields: z.array(
    z.strictObject({
      field: z.string(),
      column: z.string().nullable(),
      by: z.enum(['mapping', 'guessed']).nullable(),
    }),
  ),
  unmapped: z.array(z.string()),
  unknown: z.array(z.strictObject({ field: z.string(), column: z.string() })),
  rows: z.array(
    z.strictObject({
      row: z.number(),
      values: z.record(z.string(), z.unknown()),
      extra: z.record(z.string(), z.unknown()),
    }),
  ),
});
export type MappingPreview = z.infer<typeof mappingPreview>;

/** One point that differs between two versions, with each changed field. */
export const versionDiffPoint = z.strictObject({
  point_id: z.string(),
  id: z.string(),
  change: z.enum(['added', 'removed', 'changed']),
  name: z.string(),
  fields: z.array(z.strictObject({ field: z.string(), old: z.unknown(), new: z.unknown() })),
});
export type VersionDiffPoint = z.infer<typeof versionDiffPoint>;

/** GET /api/feeds/{id}/versions/{from}/diff/{to}. */
export const versionDiff = z.strictObject({
  feed_id: z.string(),
  from: z.strictObject({ version_id: z.number(), status: z.string() }),
  to: z.strictObject({ version_id: z.number(), status: z.string() }),
  totals: z.strictObject({ added: z.number(), removed: z.number(), changed: z.number(), unchanged: z.number() }),
  results: z.array(versionDiffPoint),
  limit: z.number(),
  offset: z.number(),
  next_offset: z.number().nullable(),
});
export type VersionDiff = z.infer<typeof versionDiff>;
