import type { RowIssue } from './row-issue.js';

export type GeocodeQuality = 'source' | 'address' | 'postal_code' | 'community' | 'none';

/** Counts and capped issues of one load; stored with the feed version. */
export class LoadReport {
  rows = 0;
  accepted = 0;
  rejected = 0;
  warned = 0;
  readonly geocode: Record<GeocodeQuality, number> = { source: 0, address: 0, postal_code: 0, community: 0, none: 0 };
  readonly byCode: Record<string, number> = {};
  readonly issues: RowIssue[] = [];
  issuesTotal = 0;
  /** How the file was read: format, encoding, delimiter. */
  format: { format: string; encoding?: string; delimiter?: string } | null = null;
  /** Our field -> the file's column that filled it. */
  columns: Record<string, string> | null = null;

  constructor(readonly cap = 1000) {}

  add(issue: RowIssue): void {
    this.issuesTotal += 1;
    this.byCode[issue.code] = (this.byCode[issue.code] ?? 0) + 1;
    if (this.issues.length < this.cap) this.issues.push(issue);
  }

  /** Rows located by any means other than "none". */
  get geocoded(): number {
    return this.geocode.address + this.geocode.postal_code + this.geocode.community;
  }

  /** Rows with a point on the map: their own coordinates or geocoded. */
  get located(): number {
    return this.geocode.source + this.geocoded;
  }

  /** A report stored with a feed version, read back (for an unchanged re-load). */
  static fromJSON(json: unknown): LoadReport {
    const r = new LoadReport();
    const j = (json ?? {}) as ReturnType<LoadReport['toJSON']>;
    r.rows = j.counts?.rows ?? 0;
    r.accepted = j.counts?.accepted ?? 0;
    r.rejected = j.counts?.rejected ?? 0;
    r.warned = j.counts?.warnings ?? 0;
    for (const k of Object.keys(r.geocode) as GeocodeQuality[]) r.geocode[k] = j.located_by?.[k] ?? 0;
    Object.assign(r.byCode, j.issues_by_code ?? {});
    r.issues.push(...(j.issues ?? []));
    r.issuesTotal = j.issues_total ?? r.issues.length;
    r.format = j.format ?? null;
    r.columns = j.columns ?? null;
    return r;
  }

  toJSON() {
    return {
      counts: {
        rows: this.rows,
        accepted: this.accepted,
        rejected: this.rejected,
        geocoded: this.geocoded,
        located: this.located,
        warnings: this.warned,
      },
      located_by: this.geocode,
      issues_by_code: this.byCode,
      issues: this.issues,
      issues_total: this.issuesTotal,
      issues_not_shown: Math.max(0, this.issuesTotal - this.issues.length),
      format: this.format,
      columns: this.columns,
    };
  }
}
