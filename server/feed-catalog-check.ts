import type { Database } from '../db/database.js';
import type { Logger } from './logger.js';
import { CATALOG } from '../data-loaders/sources/catalog.js';
import type { Source } from '../data-loaders/sources/source.js';
import { downloadSource } from '../data-loaders/lib/download-source.js';
import { sqlFile } from '../db/sql-file.js';

/** What became of one service-point feed of the catalog on first start. */
export interface CatalogFeedOutcome {
  source: string;
  title_en: string;
  title_fr: string;
  official_url: string | null;
  /** `no_download`: the publisher offers no open-data file; `unreachable`: offline or refused. */
  outcome: 'loaded' | 'no_download' | 'unreachable' | 'failed';
  detail: string;
}

/** The first-start check of the feed catalog, as `GET /api/status` reports it. */
export interface CatalogCheck {
  /** `not_needed`: a feed was already published, so nothing was fetched. */
  state: 'pending' | 'checking' | 'done' | 'not_needed';
  checked_at: string | null;
  feeds: CatalogFeedOutcome[];
}

export function newCatalogCheck(): CatalogCheck {
  return { state: 'pending', checked_at: null, feeds: [] };
}

type Download = typeof downloadSource;

/**
 * First start with no published feed: tries every service-point feed of the
 * catalog that has an official download, loads what it can reach, and records
 * why each other feed could not be had, so the finder can say so plainly
 * instead of showing an empty map without a word. Runs after the server
 * listens: a slow or closed network never delays the start.
 */
export async function checkFeedCatalog(
  db: Database,
  logger: Logger,
  check: CatalogCheck,
  options: { sources?: readonly Source[]; download?: Download } = {},
): Promise<CatalogCheck> {
  const published = await db.query<{ n: number }>(sqlFile('published_versions_count'));
  if ((published.rows[0]?.n ?? 0) > 0) {
    check.state = 'not_needed';
    return check;
  }
  check.state = 'checking';
  const download = options.download ?? downloadSource;
  const feeds = (options.sources ?? CATALOG).filter((s) => s.kind === 'feed');
  const outcomes: CatalogFeedOutcome[] = [];
  for (const source of feeds) {
    const base = {
      source: source.id,
      title_en: source.title_en,
      title_fr: source.title_fr,
      official_url: source.official_url,
    };
    if (!source.download) {
      outcomes.push({ ...base, outcome: 'no_download', detail: 'the publisher offers no open-data file to download' });
      continue;
    }
    const d = await download(source.download);
    if ('error' in d) {
      outcomes.push({ ...base, outcome: 'unreachable', detail: d.error });
      continue;
    }
    try {
      const r = await source.load({ db, file: d.file, log: (m) => logger.info({ source: source.id }, m) });
      outcomes.push({
        ...base,
        outcome: r.status === 'published' || r.status === 'unchanged' ? 'loaded' : 'failed',
        detail: r.detail,
      });
    } catch (err) {
      outcomes.push({ ...base, outcome: 'failed', detail: (err as Error).message });
    }
  }
  check.feeds = outcomes;
  check.checked_at = new Date().toISOString();
  check.state = 'done';
  logger.info({ feeds: outcomes.map((o) => `${o.source}: ${o.outcome}`) }, 'checked the feed catalog on first start');
  return check;
}
