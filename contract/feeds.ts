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
