import type { Database } from '../../../db/database.js';
import type { Lang } from '../../http/lang.js';
import { sqlFile } from '../../../db/sql-file.js';
import { withDistances } from '../../../data-loaders/lib/coverage/coverage-store.js';
import type { PointFilter } from '../../../data-loaders/lib/coverage/point-filter.js';

export type BreakdownBy = 'jurisdiction' | 'level' | 'category';

interface ValueRow {
  value: string;
  name_en: string;
  name_fr: string;
  points: number;
  points_approximate: number;
}

interface ScopeRow {
  scope: string;
  population_within: number;
  units_within: number;
  population_total: number;
}

const pct = (part: number, whole: number) => (whole > 0 ? Math.round((10000 * part) / whole) / 100 : null);

/**
 * Coverage of the population by each jurisdiction's, order of government's or
 * service's points separately (not only under one filter): one row per value
 * with published points, read from the stored scopes.
 */
export async function coverageBreakdown(
  db: Database,
  p: { by: BreakdownBy; thresholdKm: number; provinces: string[] | null },
  lang: Lang,
) {
  const values = (await db.query<ValueRow>(sqlFile('coverage_breakdown_values'), [p.by])).rows;
  const filters: PointFilter[] = values.map((v) =>
    p.by === 'jurisdiction'
      ? { jurisdictions: [v.value] }
      : p.by === 'level'
        ? { levels: [v.value] }
        : { categories: [v.value] },
  );
  const rows = await withDistances(db, filters, p.provinces, async (q, groups) => {
    const scopes = groups.map((g) => g[0] ?? '');
    const r = (await q.query<ScopeRow>(sqlFile('coverage_breakdown'), [scopes, p.thresholdKm * 1000, p.provinces]))
      .rows;
    const byScope = new Map(r.map((x) => [x.scope, x]));
    return scopes.map((s) => byScope.get(s));
  });
  const total = rows.find((r) => r !== undefined)?.population_total ?? 0;
  return {
    by: p.by,
    threshold_km: p.thresholdKm,
    distance_kind: 'straight_line' as const,
    population_total: total,
    results: values
      .map((v, i) => {
        const r = rows[i];
        const within = r?.population_within ?? 0;
        return {
          id: v.value,
          name: lang === 'fr' ? v.name_fr : v.name_en,
          name_en: v.name_en,
          name_fr: v.name_fr,
          points: v.points,
          points_approximate: v.points_approximate,
          population_within: within,
          units_within: r?.units_within ?? 0,
          pct_within: pct(within, total),
        };
      })
      .sort((a, b) => b.population_within - a.population_within || a.id.localeCompare(b.id)),
  };
}
