import path from 'node:path';
import { importFeedFile, type FeedFormat } from '../lib/import-feed.js';
import type { FeedSpec } from '../lib/point-record.js';
import { resultOf } from './result-of.js';
import type { Source } from './source.js';

/** Options of `npm run load -- feed --file PATH ...` (a jurisdiction's own file in a generic format). */
export interface FeedFileOptions {
  feedId?: string;
  jurisdiction?: string;
  name?: string;
  format?: FeedFormat;
  mapping?: Record<string, string>;
  stage?: boolean;
}

export function feedSpecFor(file: string, o: FeedFileOptions): FeedSpec {
  const base = path
    .basename(file)
    .replace(/\.[^.]+$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const id = (o.feedId ?? `file-${base}`).slice(0, 63);
  return {
    id,
    jurisdiction_id: o.jurisdiction ?? 'ca',
    name_en: o.name ?? path.basename(file),
    name_fr: o.name ?? path.basename(file),
    format: o.format ?? 'csv',
    adapter: null,
    source_url: null,
    licence: null,
  };
}

/**
 * Any file in the working group's open-data layout (CSV), GeoJSON or Open
 * Referral HSDS 3.0 (JSON or a tabular package directory), read by the generic
 * path. Never picked by --dir: a directory scan cannot know whose feed a file is.
 */
export function openDataFeed(o: FeedFileOptions = {}): Source {
  return {
    id: 'feed',
    kind: 'feed',
    order: 200,
    format: 'CSV | GeoJSON | HSDS 3.0',
    title_en: 'A jurisdiction’s feed in the common open-data layout (CSV), GeoJSON or Open Referral HSDS 3.0',
    title_fr:
      'Le flux d’une administration dans la présentation commune de données ouvertes (CSV), GeoJSON ou Open Referral HSDS 3.0',
    official_url: null,
    licence: 'As published by the jurisdiction (e.g. Open Government Licence – Canada)',
    attribution_en: 'Contains information licensed under the Open Government Licence – Canada.',
    attribution_fr: 'Contient des informations visées par la Licence du gouvernement ouvert – Canada.',
    recognises: () => false,
    async load({ db, file, gazetteer, onProgress }) {
      if (!file)
        return {
          source: 'feed',
          file: null,
          status: 'failed',
          rows: 0,
          accepted: 0,
          rejected: 0,
          detail: 'Give --file PATH.',
        };
      const feed = feedSpecFor(file, o);
      const outcome = await importFeedFile(db, { ...feed }, file, {
        originalName: file,
        publish: !o.stage,
        format: o.format,
        mapping: o.mapping,
        gazetteer,
        onProgress,
      });
      return resultOf(`feed:${feed.id}`, file, outcome);
    },
  };
}
