import type { Database } from '../../../db/database.js';
import { PROVINCES } from '../../../domain/provinces.js';
import type { Lang } from '../../http/lang.js';
import { sqlFile } from '../../../db/sql-file.js';
import { withDistances } from '../../../data-loaders/lib/coverage/coverage-store.js';
import type { PointFilter } from '../../../data-loaders/lib/coverage/point-filter.js';

export type CoverageGroupBy = 'province' | 'csd' | 'none';

export interface CoverageParams {
  thresholdKm: number;
  filter: PointFilter;
  provinces: string[] | null;
  groupBy: CoverageGroupBy;
  /** Upper edges of the distance bands, km; the threshold is always one of them. */
  bandsKm: number[];
}

export interface CoverageGroup {
  id: string;
  name: string | null;
  population_total: number;
  population_within: number;
  population_not_located: number;
  pct_within: number | null;
}

export interface Coverage {
  threshold_km: number;
  distance_kind: 'straight_line';
  distance_note: string;
  source: 'stored' | 'live';
  population_total: number;
  population_within: number;
  population_not_located: number;
  pct_within: number | null;
  pct_within_located: number | null;
  units: number;
  units_not_located: number;
  units_population_unknown: number;
  bands: { max_km: number | null; population: number }[];
  groups: CoverageGroup[];
}

interface Row {
  group_id: string;
  group_name: string | null;
  band: number | null;
  population: number;
  units: number;
  units_population_unknown: number;
}

const NOTE = {
  en: 'Straight-line (great-circle) distance from each population unit’s representative point to the nearest matching published service point; travel by road is longer.',
  fr: 'Distance à vol d’oiseau (orthodromique) entre le point représentatif de chaque unité de population et le point de service publié correspondant le plus proche; le trajet par la route est plus long.',
};

function pct(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((10000 * part) / whole) / 100 : null;
}

/** Band edges in km: the defaults or the caller's, with the threshold added, sorted and unique. */
export function bandEdges(bandsKm: number[], thresholdKm: number): number[] {
  return [...new Set([...bandsKm, thresholdKm])].sort((a, b) => a - b);
}

/** Population within the threshold of the nearest matching point, by band and group. */
export async function coverageSummary(db: Database, p: CoverageParams, lang: Lang): Promise<Coverage> {
  const edges = bandEdges(p.bandsKm, p.thresholdKm);
  const withinBands = edges.filter((e) => e <= p.thresholdKm).length;
  const { rows, live } = await withDistances(db, [p.filter], p.provinces, async (q, groups, isLive) => ({
    rows: (await q.query<Row>(sqlFile('coverage_summary'), [groups[0] ?? [], edges.map((e) => e * 1000), p.provinces, p.groupBy])).rows,
    live: isLive,
  }));
  const bands = [...edges.map((e) => ({ max_km: e as number | null, population: 0 })), { max_km: null, population: 0 }];
  const byGroup = new Map<string, CoverageGroup>();
  let units = 0;
  let unitsNotLocated = 0;
  let unknown = 0;
  for (const r of rows) {
    units += r.units;
    unknown += r.units_population_unknown;
    let g = byGroup.get(r.group_id);
    if (!g) {
      const province = p.groupBy === 'province' ? PROVINCES.find((x) => x.code === r.group_id) : undefined;
      const name = province ? (lang === 'fr' ? province.name_fr : province.name_en) : r.group_name;
      g = { id: r.group_id, name, population_total: 0, population_within: 0, population_not_located: 0, pct_within: null };
      byGroup.set(r.group_id, g);
    }
    g.population_total += r.population;
    if (r.band === null) {
      g.population_not_located += r.population;
      unitsNotLocated += r.units;
      continue;
    }
    const band = bands[r.band - 1];
    if (band) band.population += r.population;
    if (r.band <= withinBands) g.population_within += r.population;
  }
  const groups = [...byGroup.values()];
  for (const g of groups) g.pct_within = pct(g.population_within, g.population_total);
  const total = groups.reduce((s, g) => s + g.population_total, 0);
  const within = groups.reduce((s, g) => s + g.population_within, 0);
  const notLocated = groups.reduce((s, g) => s + g.population_not_located, 0);
  return {
    threshold_km: p.thresholdKm,
    distance_kind: 'straight_line',
    distance_note: NOTE[lang],
    source: live ? 'live' : 'stored',
    population_total: total,
    population_within: within,
    population_not_located: notLocated,
    pct_within: pct(within, total),
    pct_within_located: pct(within, total - notLocated),
    units,
    units_not_located: unitsNotLocated,
    units_population_unknown: unknown,
    bands,
    groups: p.groupBy === 'none' ? [] : groups.sort((a, b) => a.id.localeCompare(b.id)),
  };
}
