import type { ImportResult } from '../lib/import-feed.js';
import type { LoadResult } from './source.js';

/** A service-point load's outcome as one line of the CLI summary. */
export function resultOf(source: string, file: string | null, outcome: ImportResult): LoadResult {
  const r = outcome.report;
  const g = r.geocode;
  const firstError = r.issues.find((i) => i.row === 0 && i.severity === 'error');
  return {
    source,
    file,
    status: outcome.status,
    rows: r.rows,
    accepted: r.accepted,
    rejected: r.rejected,
    detail:
      outcome.status === 'failed'
        ? (firstError?.message_en ?? 'failed')
        : `located ${r.located}/${r.accepted} (source ${g.source}, postal code ${g.postal_code}, community ${g.community}); ${r.issuesTotal} issues`,
    report: r,
    versionId: outcome.versionId ?? undefined,
  };
}
