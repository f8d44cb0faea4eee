import { randomBytes } from 'node:crypto';
import type { Database, Queryable } from '../../../db/database.js';
import { sqlFile } from '../../../db/sql-file.js';
import { refreshCoverageTotals } from './coverage-totals.js';
import { planDistances, type PointFilter } from './point-filter.js';
import { straightLine, type DistanceSource } from './distance-source.js';

interface StateRow {
  points_generation: number;
  units_generation: number;
  coverage_points_generation: number;
  coverage_units_generation: number;
  points_generation_before_tx: number;
  coverage_refreshed_at: Date | string | null;
}

interface ScopeRow {
  scope: string;
  kind: 'all' | 'level' | 'jurisdiction' | 'category';
  value: string | null;
}

/** What a recompute did: counts only, so a benchmark can time it and compare runs. */
export interface CoverageRecompute {
  distance_kind: DistanceSource['kind'];
  scopes: string[];
  rows_written: number;
}

const LOCK = 7243030;

async function readState(q: Queryable): Promise<StateRow> {
  const r = await q.query<StateRow>(sqlFile('coverage_state'));
  const row = r.rows[0];
  if (!row) throw new Error('analysis_state has no row (migration 0030 not applied?)');
  return row;
}

function filterOf(s: ScopeRow): PointFilter {
  if (s.kind === 'level' && s.value) return { levels: [s.value] };
  if (s.kind === 'jurisdiction' && s.value) return { jurisdictions: [s.value] };
  if (s.kind === 'category' && s.value) return { categories: [s.value] };
  return {};
}

async function computeScopes(tx: Queryable, scopes: ScopeRow[], source: DistanceSource): Promise<number> {
  let rows = 0;
  for (const s of scopes) rows += await source.computeScope(tx, s.scope, filterOf(s), null);
  return rows;
}

/**
 * Rebuilds the whole coverage store from the published points and the
 * population units, in one transaction (readers see the old rows until it
 * commits). Exported for the benchmark: it returns counts, never timings.
 */
export async function recomputeCoverage(
  db: Database,
  source: DistanceSource = straightLine,
): Promise<CoverageRecompute> {
  const done = await rebuild(db, source, false);
  if (!done) throw new Error('unreachable: an unconditional rebuild always runs');
  return done;
}

function isFresh(s: StateRow): boolean {
  return (
    s.coverage_refreshed_at !== null &&
    s.coverage_points_generation === s.points_generation &&
    s.coverage_units_generation === s.units_generation
  );
}

async function rebuild(db: Database, source: DistanceSource, onlyIfStale: boolean): Promise<CoverageRecompute | null> {
  return db.transaction(async (tx) => {
    await tx.query(sqlFile('coverage_lock'), [LOCK]);
    // Another request may have rebuilt it while this one waited for the lock.
    if (onlyIfStale && isFresh(await readState(tx))) return null;
    const scopes = (await tx.query<ScopeRow>(sqlFile('coverage_scopes_present'), [null, null, null])).rows;
    // Each present scope's rows are merged (unchanged rows stay as they are); the others go.
    await tx.query(sqlFile('coverage_drop_scopes_except'), [null, scopes.map((s) => s.scope)]);
    const rows = await computeScopes(tx, scopes, source);
    await refreshCoverageTotals(
      tx,
      null,
      scopes.map((s) => s.scope),
    );
    await tx.query(sqlFile('coverage_mark_fresh'));
    return { distance_kind: source.kind, scopes: scopes.map((s) => s.scope), rows_written: rows };
  });
}

/**
 * Called at the end of publishVersion, inside its transaction: recomputes only
 * the scopes the feed can affect (its jurisdiction, its order of government,
 * the categories going in or out, and 'all'), so the store stays consistent
 * with what was just published. When the store was already stale before this
 * publish, it is left for the next reader to rebuild in full.
 */
export async function refreshCoverageAfterPublish(
  tx: Queryable,
  feedId: string,
  versionIds: number[],
  source: DistanceSource = straightLine,
): Promise<CoverageRecompute | null> {
  await tx.query(sqlFile('coverage_lock'), [LOCK]);
  const state = await readState(tx);
  const freshBefore =
    state.coverage_refreshed_at !== null &&
    state.coverage_units_generation === state.units_generation &&
    state.coverage_points_generation === state.points_generation_before_tx;
  if (!freshBefore) return null;
  const affected = (
    await tx.query<{ jurisdiction_id: string; level: string; categories: string[] }>(
      sqlFile('coverage_affected_by_feed'),
      [feedId, versionIds],
    )
  ).rows[0];
  if (!affected) return null;
  const levels = [affected.level];
  const jurisdictions = [affected.jurisdiction_id];
  const categories = affected.categories;
  // Scopes that no longer have any point lose their rows; the rest are recomputed (merged).
  const names = [
    'all',
    `level:${affected.level}`,
    `jurisdiction:${affected.jurisdiction_id}`,
    ...categories.map((c) => `category:${c}`),
  ];
  const present = (await tx.query<ScopeRow>(sqlFile('coverage_scopes_present'), [jurisdictions, levels, categories]))
    .rows;
  await tx.query(sqlFile('coverage_drop_scopes_except'), [names, present.map((s) => s.scope)]);
  const rows = await computeScopes(tx, present, source);
  await refreshCoverageTotals(
    tx,
    names,
    present.map((s) => s.scope),
  );
  await tx.query(sqlFile('coverage_mark_fresh'));
  return { distance_kind: source.kind, scopes: present.map((s) => s.scope), rows_written: rows };
}

/** Rebuilds the store when points or units changed since it was last computed. */
export async function ensureCoverageFresh(db: Database): Promise<boolean> {
  if (isFresh(await readState(db))) return false;
  return (await rebuild(db, straightLine, true)) !== null;
}

class Rollback<T> extends Error {
  constructor(readonly value: T) {
    super('rollback');
  }
}

/**
 * Runs `fn` with, for each filter, the scope keys whose smallest distance is
 * a unit's distance under that filter. Filters the store keeps answer from
 * stored rows; the others are computed into temporary scopes inside a
 * transaction that is always rolled back, so the same SQL reads both.
 */
export async function withDistances<T>(
  db: Database,
  filters: PointFilter[],
  unitProvinces: string[] | null,
  fn: (q: Queryable, scopeGroups: string[][], live: boolean) => Promise<T>,
  source: DistanceSource = straightLine,
): Promise<T> {
  await ensureCoverageFresh(db);
  const plans = filters.map(planDistances);
  if (plans.every((p) => p.kind === 'stored')) {
    return fn(
      db,
      plans.map((p) => (p.kind === 'stored' ? p.scopes : [])),
      false,
    );
  }
  try {
    await db.transaction(async (tx) => {
      const groups: string[][] = [];
      for (const p of plans) {
        if (p.kind === 'stored') {
          groups.push(p.scopes);
          continue;
        }
        const scope = `live:${randomBytes(8).toString('hex')}`;
        await source.computeScope(tx, scope, p.filter, unitProvinces);
        groups.push([scope]);
      }
      throw new Rollback(await fn(tx, groups, true));
    });
  } catch (err) {
    if (err instanceof Rollback) return err.value as T;
    throw err;
  }
  throw new Error('unreachable: the live distances transaction always rolls back');
}
