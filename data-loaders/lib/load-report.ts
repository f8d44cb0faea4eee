import type { RowIssue } from './row-issue.js';

export type GeocodeQuality = 'source' | 'postal_code' | 'community' | 'none';

/** Counts and capped issues of one load; stored with the feed version. */
export class LoadReport {
  rows = 0;
  accepted = 0;
  rejected = 0;
  warned = 0;
  readonly geocode: Record<GeocodeQuality, number> = { source: 0, postal_code: 0, community: 0, none: 0 };
  readonly byCode: Record<string, number> = {};
  readonly issues: RowIssue[] = [];
  issuesTotal = 0;

  constructor(readonly cap = 1000) {}

  add(issue: RowIssue): void {
    this.issuesTotal += 1;
    this.byCode[issue.code] = (this.byCode[issue.code] ?? 0) + 1;
    if (this.issues.length < this.cap) this.issues.push(issue);
  }

  /** Rows located by any means other than "none". */
  get geocoded(): number {
    return this.geocode.postal_code + this.geocode.community;
  }

  toJSON() {
    return {
      counts: {
        rows: this.rows,
        accepted: this.accepted,
        rejected: this.rejected,
        geocoded: this.geocoded,
        warnings: this.warned,
      },
      located_by: this.geocode,
      issues_by_code: this.byCode,
      issues: this.issues,
      issues_total: this.issuesTotal,
      issues_not_shown: Math.max(0, this.issuesTotal - this.issues.length),
    };
  }
}
