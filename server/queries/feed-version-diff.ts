import type { Queryable } from '../../db/database.js';
import { sqlFile } from '../../db/sql-file.js';

export interface DiffTotals {
  added: number;
  removed: number;
  changed: number;
  unchanged: number;
}

export interface DiffPoint {
  /** The feed's own id of the point (its source id). */
  point_id: string;
  /** The point's public id (the same across versions). */
  id: string;
  change: 'added' | 'removed' | 'changed';
  name: string;
  fields: { field: string; old: unknown; new: unknown }[];
}

interface DiffRow extends DiffTotals {
  point_id: string | null;
  id: string | null;
  change: DiffPoint['change'] | null;
  name: string | null;
  fields: DiffPoint['fields'] | null;
}

/** The points added, removed and changed from version `from` to version `to` of one feed, a page at a time. */
export async function feedVersionDiff(
  db: Queryable,
  from: number,
  to: number,
  page: { limit: number; offset: number },
): Promise<{ totals: DiffTotals; points: DiffPoint[] }> {
  const rows = (await db.query<DiffRow>(sqlFile('feed_version_diff'), [from, to, page.limit, page.offset])).rows;
  const first = rows[0];
  const totals = {
    added: first?.added ?? 0,
    removed: first?.removed ?? 0,
    changed: first?.changed ?? 0,
    unchanged: first?.unchanged ?? 0,
  };
  const points = rows.flatMap((r) =>
    r.point_id === null || r.id === null || r.change === null
      ? []
      : [{ point_id: r.point_id, id: r.id, change: r.change, name: r.name ?? '', fields: r.fields ?? [] }],
  );
  return { totals, points };
}
