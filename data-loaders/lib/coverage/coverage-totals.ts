import type { Queryable } from '../../../db/database.js';
import { sqlFile } from '../../../db/sql-file.js';

/** The analysts' default distance bands (upper edges, km): GET /api/coverage without `bands`. */
export const DEFAULT_BANDS_KM: readonly number[] = [5, 10, 25, 50, 100, 250];
/** The default margin of a point located at a postal area's or community's centre, km. */
export const DEFAULT_APPROX_MARGIN_KM = 10;

/**
 * Clears the totals of `cleared` (null: every scope) and adds up, for `scopes`, the population
 * per province and default band, and the approximate-location figures per default
 * edge, from coverage_distances as it stands in the caller's transaction: called
 * right after the scopes are recomputed, so readers see both change together.
 */
export async function refreshCoverageTotals(tx: Queryable, cleared: string[] | null, scopes: string[]): Promise<void> {
  await tx.query(sqlFile('coverage_totals_delete'), [cleared]);
  if (scopes.length === 0) return;
  const edgesM = DEFAULT_BANDS_KM.map((e) => e * 1000);
  await tx.query(sqlFile('coverage_band_totals_refresh'), [scopes, edgesM]);
  await tx.query(sqlFile('coverage_precision_totals_refresh'), [scopes, edgesM, DEFAULT_APPROX_MARGIN_KM * 1000]);
}
