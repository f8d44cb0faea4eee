import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../db/database.js';
import { fileChecksum } from '../../data-loaders/lib/file-checksum.js';
import {
  fetchPublic,
  saveBody,
  SourceUrlProblem,
  type FetchPublicOptions,
} from '../../data-loaders/lib/fetch-public.js';
import { importFeedFileOffThread, type OffThreadLimits } from '../../data-loaders/lib/import-off-thread.js';
import type { ImportResult } from '../../data-loaders/lib/import-feed.js';
import { checksumOf } from '../../data-loaders/lib/publish-feed.js';
import { tempUploadDir } from '../http/receive-upload.js';
import { jurisdictionById } from '../queries/jurisdiction-by-id.js';
import { feedSpecOf, listFeeds, type FeedRow } from '../queries/list-feeds.js';
import { claimPull, finishPull, releasePull, startPull, type PullClaim, type PullEnd } from '../queries/feed-pulls.js';

/** How a pull fetches and imports; every limit has the upload's default. */
export interface PullOptions {
  /**
   * How host names are resolved and which addresses are refused. Tests narrow
   * the refused addresses to reach their own server on loopback; the server
   * never sets this, so production pulls refuse every non-public address.
   */
  fetch?: Pick<FetchPublicOptions, 'resolve' | 'isRefused'>;
  /** Largest file a pull downloads (default: the upload limit, 25 MiB). */
  maxBytes?: number;
  /** Time for the whole download, redirects included (default 2 minutes). */
  downloadTimeoutMs?: number;
  /** The import worker's limits (default: the upload's, 10 minutes and 512 MiB). */
  importLimits?: OffThreadLimits;
}

/** The claim outlives the longest pull: the download, then the import's own time limit, with a margin. */
export function leaseSecondsFor(options: PullOptions): number {
  const download = options.downloadTimeoutMs ?? 120_000;
  const importing = options.importLimits?.timeLimitMs ?? 10 * 60_000;
  return Math.ceil((download + importing) / 1000) + 60;
}

const MAX_BYTES = 25 * 1024 * 1024;

/** Import failures that say nothing about the file (a limit, the database): the next pull tries the same file again. */
const TRANSIENT_IMPORT_CODES = new Set(['import_time_limit', 'import_memory_limit', 'load_failed']);

type Fail = { code: string; en: string; fr: string };

const failure = {
  noSourceUrl: {
    code: 'no_source_url',
    en: 'The feed has no source URL; set one so that it can be pulled.',
    fr: 'Le flux n’a pas d’adresse source; indiquez-en une pour qu’il puisse être récupéré.',
  },
  httpStatus: (status: number): Fail => ({
    code: 'source_http_status',
    en: `The source answered HTTP ${status} instead of the file.`,
    fr: `La source a répondu HTTP ${status} au lieu du fichier.`,
  }),
  unexpected: {
    code: 'pull_failed',
    en: 'The pull could not be completed; the next one will try again.',
    fr: 'La récupération n’a pu être menée à bien; la prochaine réessaiera.',
  },
} satisfies Record<string, Fail | ((s: number) => Fail)>;

/** The import's reason for refusing the file as a whole (its row-0 error), in both languages. */
function importFailure(result: ImportResult): Fail {
  const issue = result.report.issues.find((i) => i.row === 0 && i.severity === 'error') ?? result.report.issues[0];
  if (!issue)
    return { code: 'load_failed', en: 'The file could not be imported.', fr: 'Le fichier n’a pu être importé.' };
  return { code: issue.code, en: issue.message_en, fr: issue.message_fr };
}

/** A validator worth keeping: a single header within the column's bound (longer ones are not sent back). */
const header = (v: string | string[] | undefined, max: number) => (typeof v === 'string' && v.length <= max ? v : null);

interface Outcome {
  end: PullEnd;
  /** Set when the source was read to a definite answer: kept for the next conditional request. */
  validators: { etag: string | null; lastModified: string | null; checksum: string | null; url: string } | null;
}

/**
 * Fetches the feed's source URL with the last pull's ETag and Last-Modified
 * (If-None-Match, If-Modified-Since) under the source-URL rules of every
 * upload by URL (fetchPublic: one resolution, public addresses only, every
 * redirect checked, size and time limits), then imports what came back
 * through the upload's own entry point (importFeedFileOffThread). A 304, or
 * the same bytes and mapping as the last pull, make no version.
 */
async function pullOnce(db: Database, feed: FeedRow, claim: PullClaim, options: PullOptions): Promise<Outcome> {
  const url = feed.source_url;
  if (!url) return { end: failed(failure.noSourceUrl, null, null), validators: null };
  const tmp = await tempUploadDir();
  try {
    // Validators belong to the URL that sent them: a feed given a new source URL asks for the whole file.
    const conditional: Record<string, string> = {};
    if (claim.validated_url === url) {
      if (claim.etag) conditional['If-None-Match'] = claim.etag;
      if (claim.last_modified) conditional['If-Modified-Since'] = claim.last_modified;
    }
    let res: Awaited<ReturnType<typeof fetchPublic>>['res'];
    let finalUrl: URL;
    try {
      ({ res, url: finalUrl } = await fetchPublic(url, {
        ...options.fetch,
        timeoutMs: options.downloadTimeoutMs ?? 120_000,
        headers: conditional,
      }));
    } catch (err) {
      if (err instanceof SourceUrlProblem)
        return { end: failed({ code: `source_${err.kind}`, en: err.en, fr: err.fr }, null, null), validators: null };
      throw err;
    }
    const status = res.statusCode ?? 0;
    if (status === 304) {
      res.resume();
      return { end: { ...ended('unchanged', 304, 0), versionId: null }, validators: null };
    }
    if (status < 200 || status >= 300) {
      res.resume();
      return { end: failed(failure.httpStatus(status), status, null), validators: null };
    }
    const validators = {
      etag: header(res.headers.etag, 1000),
      lastModified: header(res.headers['last-modified'], 200),
      url,
    };
    const file = path.join(tmp.dir, 'download');
    try {
      await saveBody(res, file, options.maxBytes ?? MAX_BYTES);
    } catch (err) {
      if (err instanceof SourceUrlProblem)
        return { end: failed({ code: `source_${err.kind}`, en: err.en, fr: err.fr }, status, null), validators: null };
      throw err;
    }
    const bytes = (await fs.promises.stat(file)).size;
    // The same bytes read under the same mapping and publishing choice make the same version: nothing to do.
    const checksum = checksumOf(
      await fileChecksum(file),
      JSON.stringify(feed.mapping ?? {}),
      claim.publish ? 'publish' : 'stage',
    );
    if (claim.checksum === checksum)
      return { end: ended('unchanged', status, bytes), validators: { ...validators, checksum } };

    const jurisdiction = await jurisdictionById(db, feed.jurisdiction_id);
    const result = await importFeedFileOffThread(
      db,
      feedSpecOf(feed),
      file,
      {
        mapping: feed.mapping,
        originalName: path.basename(finalUrl.pathname) || 'download',
        publish: claim.publish,
        defaultProvince: jurisdiction?.province ?? null,
      },
      options.importLimits,
    );
    if (result.status === 'failed') {
      const why = importFailure(result);
      return {
        end: { ...failed(why, status, bytes), versionId: result.versionId },
        // A file the import refused is not imported again until it changes; a limit or a crash is retried.
        validators: TRANSIENT_IMPORT_CODES.has(why.code) ? null : { ...validators, checksum },
      };
    }
    return {
      end: { ...ended(result.status, status, bytes), versionId: result.versionId },
      validators: { ...validators, checksum },
    };
  } finally {
    await tmp.cleanup();
  }
}

function ended(outcome: PullEnd['outcome'], httpStatus: number | null, bytes: number | null): PullEnd {
  return { outcome, httpStatus, bytes, versionId: null, error: null };
}

function failed(error: Fail, httpStatus: number | null, bytes: number | null): PullEnd {
  return { outcome: 'failed', httpStatus, bytes, versionId: null, error };
}

export type PullRun = { claimed: false } | { claimed: true; pullId: number; end: PullEnd };

/**
 * Claims the feed's pull for `worker` and, if it got the claim, runs it and
 * records it in the pull history. Runs in the caller's query context, which
 * must act for the feed's jurisdiction (a steward's request, or the scheduler
 * acting for that jurisdiction): every row it writes goes through row-level
 * security. `{ claimed: false }`: another instance holds the feed, or (for a
 * scheduled pull) it is not due any more.
 */
export async function runPull(
  db: Database,
  p: { feedId: string; worker: string; trigger: 'schedule' | 'manual' },
  options: PullOptions = {},
): Promise<PullRun> {
  const claim = await claimPull(db, {
    feedId: p.feedId,
    worker: p.worker,
    leaseSeconds: leaseSecondsFor(options),
    manual: p.trigger === 'manual',
  });
  if (!claim) return { claimed: false };
  let validators: Outcome['validators'] = null;
  try {
    const feed = (await listFeeds(db, { feedId: p.feedId }))[0];
    // The schedule goes with its feed (ON DELETE CASCADE): a claimed schedule has a feed.
    if (!feed) return { claimed: false };
    const pullId = await startPull(db, {
      feedId: feed.id,
      jurisdictionId: feed.jurisdiction_id,
      trigger: p.trigger,
      sourceUrl: feed.source_url,
    });
    let outcome: Outcome;
    try {
      outcome = await pullOnce(db, feed, claim, options);
    } catch {
      // The error's own text may name hosts, paths or statements: the history keeps its code only.
      outcome = { end: failed(failure.unexpected, null, null), validators: null };
    }
    validators = outcome.validators;
    await finishPull(db, pullId, outcome.end);
    return { claimed: true, pullId, end: outcome.end };
  } finally {
    await releasePull(db, p.feedId, p.worker, validators);
  }
}
