import type { Queryable } from '../../../db/database.js';
import { sqlFile } from '../../../db/sql-file.js';

/** The analysts' default distance bands (upper edges, km): GET /api/coverage without `bands`. */
export const DEFAULT_BANDS_KM: readonly number[] = [5, 10, 25, 50, 100, 250];
/** The default margin of a point located at a postal area's or community's centre, km. */
export const DEFAULT_APPROX_MARGIN_KM = 10;
/**
 * The analyses' default threshold, km: the units farther than this from every point of a stored
 * scope are copied out at refresh, so gaps and suggestions at this threshold or beyond read only them.
 */
export const STORED_GAPS_BEYOND_KM = 50;
/**
 * Far units are copied out only for scopes where they are at most this share of the units: where
 * most units are far (one province's points, seen from the rest of the country) reading them costs
 * as much as reading every unit, and copying them would multiply the refresh's writes.
 */
export const STORED_GAPS_MAX_SHARE = 0.25;

/**
 * Clears the totals of `cleared` (null: every scope) and adds up, for `scopes`, the population
 * per province and default band, the approximate-location figures per default
 * edge, and the units beyond the default threshold (where they are few), from coverage_distances as it stands in
 * the caller's transaction: called right after the scopes are recomputed, so readers see
 * everything change together.
 */
export async function refreshCoverageTotals(tx: Queryable, cleared: string[] | null, scopes: string[]): Promise<void> {
  await tx.query(sqlFile('coverage_totals_delete'), [cleared]);
  if (scopes.length === 0) return;
  const edgesM = DEFAULT_BANDS_KM.map((e) => e * 1000);
  await tx.query(sqlFile('coverage_band_totals_refresh'), [scopes, edgesM]);
  await tx.query(sqlFile('coverage_precision_totals_refresh'), [scopes, edgesM, DEFAULT_APPROX_MARGIN_KM * 1000]);
  await tx.query(sqlFile('coverage_gap_distances_refresh'), [
    scopes,
    STORED_GAPS_BEYOND_KM * 1000,
    STORED_GAPS_MAX_SHARE,
  ]);
}

/**
 * The scope whose stored far units answer a request for the units farther than `thresholdM`
 * from the points of `scopes`, or null when they do not: several scopes (the nearest of
 * them counts), a live scope, a scope not stored (no matching point, or stored before a
 * refresh), or a threshold nearer than the stored distance. Then the caller reads every
 * unit's distance instead.
 */
export async function storedGapScope(
  q: Queryable,
  scopes: string[] | undefined,
  live: boolean,
  thresholdM: number,
): Promise<string | null> {
  const scope = scopes?.length === 1 ? scopes[0] : undefined;
  if (live || scope === undefined) return null;
  const row = (await q.query<{ beyond_m: number }>(sqlFile('coverage_gap_scope'), [scope])).rows[0];
  return row !== undefined && thresholdM >= row.beyond_m ? scope : null;
}
