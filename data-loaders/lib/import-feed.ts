import fs from 'node:fs';
import path from 'node:path';
import type { Database, Queryable } from '../../db/database.js';
import { fileChecksum } from './file-checksum.js';
import { Gazetteer } from './gazetteer.js';
import { readFeedHsds, isHsdsPackage } from './read-feed-hsds.js';
import { LoadReport } from './load-report.js';
import type { FeedSpec, PointRecord } from './point-record.js';
import {
  checksumOf,
  FeedOfOtherJurisdiction,
  publishedVersion,
  recordFailedVersion,
  writeVersion,
} from './publish-feed.js';
import { readFeedCsv, readFeedGeojson, type ReadOptions } from './read-feed-rows.js';
import { errorCodeDetail, rowIssue } from './row-issue.js';
import { MAX_COLUMNS, TooManyColumns } from './read-csv.js';
import { CategoryMatcher, RowValidator, type RawFeedRow } from './validate-row.js';
import { sqlFile } from '../../db/sql-file.js';

export type FeedFormat = 'csv' | 'geojson' | 'hsds';

export interface ImportOptions {
  format?: FeedFormat;
  /** Our field -> the file's column (or the reverse); overrides the header synonyms. */
  mapping?: Record<string, string>;
  /** The name the steward's file had (uploads arrive under a temporary name). */
  originalName: string;
  /** true: stage and publish in one transaction. false: leave a 'staged' version. */
  publish: boolean;
  /** A province to assume for rows that name none (a provincial feed). */
  defaultProvince?: string | null;
  /** Called every few thousand rows (the CLI shows progress on a TTY). */
  onProgress?: (rows: number) => void;
  /** Reused across loads of one run (the gazetteer is read once). */
  gazetteer?: Gazetteer;
}

export interface ImportResult {
  status: 'staged' | 'published' | 'unchanged' | 'failed';
  versionId: number | null;
  report: LoadReport;
}

/** The format of a file from its name, else its first bytes. */
export async function detectFormat(file: string, originalName: string): Promise<FeedFormat> {
  const name = originalName.toLowerCase();
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) return 'hsds';
  if (/datapackage\.json$/.test(name)) return 'hsds';
  if (/\.geojson$/.test(name)) return 'geojson';
  if (/\.(csv|tsv|txt|tab)$/.test(name)) return 'csv';
  const fh = await fs.promises.open(file, 'r');
  let head: string;
  try {
    const buf = Buffer.alloc(65536);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    head = buf
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split('\u0000')
      .join('');
  } finally {
    await fh.close();
  }
  const t = head.trimStart();
  if (t.startsWith('{') || t.startsWith('[')) {
    if (/"type"\s*:\s*"(FeatureCollection|Feature)"/.test(t) || /"features"\s*:/.test(t)) return 'geojson';
    return 'hsds';
  }
  return 'csv';
}

class RejectedFeed extends Error {}

async function loadCategories(db: Queryable): Promise<CategoryMatcher> {
  try {
    const r = await db.query<{ code: string; name_en: string; name_fr: string }>(sqlFile('service_categories_all'));
    return new CategoryMatcher(r.rows);
  } catch {
    return new CategoryMatcher([]);
  }
}

function rowsOf(format: FeedFormat, file: string, options: ReadOptions): AsyncIterable<RawFeedRow> {
  if (format === 'geojson') return readFeedGeojson(file, options);
  if (format === 'hsds') return readFeedHsds(file, options);
  return readFeedCsv(file, options);
}

/**
 * Reads a feed file of any supported format through the one row schema,
 * geocodes offline, and stores it as a new version of `feed`: staged, or
 * staged and published in one transaction. Identical content (same bytes,
 * same mapping) as the published version creates nothing ('unchanged'). A
 * file rejected as a whole (unreadable, no rows, every row rejected) or a
 * load that breaks midway stores nothing but a 'failed' version row, and the
 * published version stays exactly as it was.
 */
export async function importFeedFile(
  db: Database,
  feed: FeedSpec,
  file: string,
  options: ImportOptions,
): Promise<ImportResult> {
  const report = new LoadReport();
  const sourceName = path.basename(options.originalName || file);
  let checksum = 'unreadable';
  let format: FeedFormat = options.format ?? 'csv';
  try {
    const isDir = fs.statSync(file).isDirectory();
    format = options.format ?? (await detectFormat(file, options.originalName || file));
    const files = isDir || isHsdsPackage(file) ? hsdsPackageFiles(file) : [file];
    checksum = checksumOf(
      await fileChecksum(...files),
      JSON.stringify(options.mapping ?? {}),
      format,
      options.defaultProvince ?? '',
    );
  } catch (err) {
    // The error's own text may name temporary paths: the report carries its code only.
    report.add(rowIssue(0, '', options.originalName, 'unreadable_file', errorCodeDetail(err)));
    const versionId = await recordFailedVersion(db, feed, { checksum, sourceName, report });
    return { status: 'failed', versionId, report };
  }
  report.format = { format };

  return importRows(db, feed, {
    checksum,
    sourceName,
    publish: options.publish,
    report,
    gazetteer: options.gazetteer,
    defaultProvince: options.defaultProvince ?? null,
    onProgress: options.onProgress,
    rows: (readOptions) => rowsOf(format, file, { ...readOptions, mapping: options.mapping }),
  });
}

export interface ImportRowsInput {
  checksum: string;
  sourceName: string;
  publish: boolean;
  report?: LoadReport;
  gazetteer?: Gazetteer;
  defaultProvince?: string | null;
  onProgress?: (rows: number) => void;
  /** The rows of the feed, read lazily inside the load's transaction. */
  rows: (options: ReadOptions) => AsyncIterable<RawFeedRow>;
}

/**
 * The one path of every service-point load: the command line's sources, a
 * steward's upload (importFeedFile, off the request thread) and scheduled
 * pulls. Identical content to the published version: 'unchanged', nothing
 * read. Otherwise, in one transaction (writeVersion): the feed's lock, the
 * checksum again, every row through the one row schema (RowValidator) and
 * offline geocoding, the staged version, and the publish when asked. A load
 * that stores nothing leaves a 'failed' version row with its report.
 */
export async function importRows(db: Database, feed: FeedSpec, input: ImportRowsInput): Promise<ImportResult> {
  const report = input.report ?? new LoadReport();
  const { checksum, sourceName } = input;
  // Identical to what is published: nothing to do, and the stored report stands.
  const current = await publishedVersion(db, feed.id);
  if (current && current.checksum === checksum)
    return { status: 'unchanged', versionId: current.id, report: LoadReport.fromJSON(current.report) };

  const gazetteer = input.gazetteer ?? (await Gazetteer.fromDatabase(db));
  const categories = await loadCategories(db);
  const validator = new RowValidator({ gazetteer, report, categories, defaultProvince: input.defaultProvince ?? null });
  const readOptions: ReadOptions = {
    report,
    onColumns: (map) => {
      report.columns = map.fields as Record<string, string>;
    },
  };
  const progressEvery = 5000;
  async function* records(): AsyncGenerator<PointRecord> {
    let n = 0;
    for await (const raw of input.rows(readOptions)) {
      const record = validator.validate(raw);
      n += 1;
      if (input.onProgress && n % progressEvery === 0) input.onProgress(n);
      if (record) yield record;
    }
    if (report.rows === 0) {
      report.add(rowIssue(0, '', sourceName, 'no_rows'));
      throw new RejectedFeed('no rows');
    }
    if (report.accepted === 0) {
      report.add(rowIssue(0, '', sourceName, 'all_rows_rejected'));
      throw new RejectedFeed('every row rejected');
    }
  }

  try {
    const outcome = await writeVersion(db, feed, {
      checksum,
      sourceName,
      records: records(),
      report,
      publish: input.publish,
    });
    input.onProgress?.(report.rows);
    return { ...outcome, report };
  } catch (err) {
    if (err instanceof TooManyColumns) {
      report.add(
        rowIssue(0, '', sourceName, 'too_many_columns', {
          en: `(${err.columns} columns; at most ${MAX_COLUMNS}.)`,
          fr: `(${err.columns} colonnes; au plus ${MAX_COLUMNS}.)`,
        }),
      );
    } else if (err instanceof FeedOfOtherJurisdiction) {
      report.add(
        rowIssue(0, '', sourceName, 'feed_of_other_jurisdiction', {
          en: `(${feed.id} is a feed of ${err.owner}, not of ${feed.jurisdiction_id}.)`,
          fr: `(${feed.id} est un flux de ${err.owner}, pas de ${feed.jurisdiction_id}.)`,
        }),
      );
      // Nothing can be recorded under another jurisdiction's feed: say so loudly.
      return { status: 'failed', versionId: null, report };
    } else if (!(err instanceof RejectedFeed)) {
      const code = report.rows === 0 ? 'unreadable_file' : 'load_failed';
      report.add(rowIssue(0, '', sourceName, code, errorCodeDetail(err)));
    }
    const versionId = await recordFailedVersion(db, feed, { checksum, sourceName, report });
    return { status: 'failed', versionId, report };
  }
}

/** Every file of an HSDS tabular package (its datapackage.json and the CSVs beside it). */
function hsdsPackageFiles(fileOrDir: string): string[] {
  const dir = fs.statSync(fileOrDir).isDirectory() ? fileOrDir : path.dirname(fileOrDir);
  return fs
    .readdirSync(dir)
    .filter((f) => /\.(csv|json)$/i.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}
