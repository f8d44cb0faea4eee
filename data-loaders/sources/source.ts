import type { Database } from '../../server/db/database.js';
import type { LoadReport } from '../lib/load-report.js';

export interface LoadContext {
  db: Database;
  /** The file to read; when absent, the source downloads or uses its npm package. */
  file?: string | undefined;
  log: (message: string) => void;
}

export interface LoadResult {
  source: string;
  file: string | null;
  status: 'published' | 'unchanged' | 'loaded' | 'failed';
  rows: number;
  accepted: number;
  rejected: number;
  detail: string;
  report?: LoadReport;
  versionId?: number;
}

/** One feed or dataset the loaders know: where it officially lives, its licence, how to read it. */
export interface Source {
  id: string;
  kind: 'gazetteer' | 'population' | 'boundary' | 'feed';
  /** Lower loads first: gazetteers before the feeds they geocode. */
  order: number;
  title_en: string;
  title_fr: string;
  jurisdiction_id?: string;
  official_url: string | null;
  licence: string;
  attribution_en: string;
  attribution_fr: string;
  /** True when a file at this path (relative to a --dir) is this source's. */
  recognises(relativePath: string): boolean;
  /** Files this source reads beside its main file (not loaded on their own). */
  companion?(relativePath: string): boolean;
  load(ctx: LoadContext): Promise<LoadResult>;
}
