import type { Queryable } from './database.js';

/** Planner switches a statement may turn off for itself (an allow-list: these names are written into SQL). */
export type PlannerSwitch = 'enable_seqscan' | 'enable_bitmapscan' | 'enable_sort';

/**
 * Runs `fn` with some plan kinds switched off, for statements whose good plan
 * must not depend on the table statistics of the moment. The settings are
 * transaction-local (`set_config(..., true)`), so the caller must be inside a
 * transaction; they are switched back on when `fn` succeeds, and a failure
 * rolls the transaction back, settings included.
 */
export async function withPlannerOff<T>(q: Queryable, switches: PlannerSwitch[], fn: () => Promise<T>): Promise<T> {
  const set = (value: 'on' | 'off') =>
    `SELECT ${switches.map((s) => `set_config('${s}', '${value}', true)`).join(', ')}`;
  await q.query(set('off'));
  const result = await fn();
  await q.query(set('on'));
  return result;
}
