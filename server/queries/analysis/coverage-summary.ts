import type { Database, Queryable } from '../../../db/database.js';
import { PROVINCES } from '../../../domain/provinces.js';
import type { Lang } from '../../http/lang.js';
import { sqlFile } from '../../../db/sql-file.js';
import { LEVELS } from '../../http/list-params.js';
import { withDistances } from '../../../data-loaders/lib/coverage/coverage-store.js';
import {
  DEFAULT_APPROX_MARGIN_KM as STORED_MARGIN_KM,
  DEFAULT_BANDS_KM as STORED_BANDS_KM,
} from '../../../data-loaders/lib/coverage/coverage-totals.js';
import { FeedPresence, type DataStatus } from './data-coverage.js';
import type { PointFilter } from '../../../data-loaders/lib/coverage/point-filter.js';

export type CoverageGroupBy = 'province' | 'csd' | 'none';

export interface CoverageParams {
  thresholdKm: number;
  filter: PointFilter;
  provinces: string[] | null;
  groupBy: CoverageGroupBy;
  /** Upper edges of the distance bands, km; the threshold is always one of them. */
  bandsKm: number[];
  /** How far an approximately located point may be from where it is drawn, km (docs/coverage.md). */
  approxMarginKm?: number;
}

/** The default margin of a point located at a postal area's or community's centre. */
export const DEFAULT_APPROX_MARGIN_KM = STORED_MARGIN_KM;

export interface CoveragePrecision {
  /** Matching published points by how they were located. */
  points: { source: number; postal_code: number; community: number; not_located: number; approximate: number };
  units_nearest_approximate: number;
  population_nearest_approximate: number;
  margin_km: number;
  /** population_within if every approximate nearest point were margin_km farther (low) or nearer (high). */
  population_within_low: number;
  population_within_high: number;
  pct_within_low: number | null;
  pct_within_high: number | null;
  note: string;
}

interface PrecisionRow {
  points_source: number;
  points_postal_code: number;
  points_community: number;
  points_not_located: number;
  units_nearest_approximate: number;
  population_nearest_approximate: number;
  population_within_low: number;
  population_within_high: number;
}

const PRECISION_NOTE = {
  en: 'Points located only at their postal area’s or community’s centre may be some distance from the office itself: the range shows the population within the threshold if each such nearest point were the margin farther or nearer.',
  fr: 'Les points localisés seulement au centre de leur zone postale ou de leur collectivité peuvent être à une certaine distance du bureau lui-même : la fourchette donne la population à moins du seuil si chacun de ces points les plus proches était plus loin ou plus près de la marge.',
};

export interface CoverageGroup {
  id: string;
  name: string | null;
  population_total: number;
  population_within: number;
  population_not_located: number;
  pct_within: number | null;
  /** By province: whether the orders of government counted publish a feed there (data-coverage.ts). */
  data_status?: DataStatus['data_status'];
  orders_without_data?: string[];
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
  precision: CoveragePrecision;
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
  const margin = p.approxMarginKm ?? DEFAULT_APPROX_MARGIN_KM;
  const f = p.filter;
  // One stored scope at the default bands and margin: the totals added up when the store was refreshed.
  const totalsApply =
    p.groupBy !== 'csd' &&
    margin === STORED_MARGIN_KM &&
    edges.length === STORED_BANDS_KM.length &&
    edges.every((e, i) => e === STORED_BANDS_KM[i]);
  const { rows, live, precision } = await withDistances(db, [p.filter], p.provinces, async (q, groups, isLive) => {
    const scope = groups[0]?.length === 1 ? groups[0][0] : undefined;
    if (totalsApply && !isLive && scope !== undefined) {
      const stored = (await q.query<Row>(sqlFile('coverage_summary_stored'), [scope, p.provinces, p.groupBy])).rows;
      // No totals: the scope has no stored rows (no matching point); the aggregation below says so.
      if (stored.length > 0)
        return {
          rows: stored,
          live: false,
          precision: (
            await q.query<PrecisionRow>(sqlFile('coverage_precision_stored'), [
              scope,
              p.thresholdKm * 1000,
              p.provinces,
              f.levels ?? null,
              f.jurisdictions ?? null,
              f.categories ?? null,
            ])
          ).rows[0],
        };
    }
    return aggregate(q, groups, isLive);
  });
  async function aggregate(q: Queryable, groups: string[][], isLive: boolean) {
    return {
      rows: (
        await q.query<Row>(sqlFile('coverage_summary'), [
          groups[0] ?? [],
          edges.map((e) => e * 1000),
          p.provinces,
          p.groupBy,
        ])
      ).rows,
      live: isLive,
      precision: (
        await q.query<PrecisionRow>(sqlFile('coverage_precision'), [
          groups[0] ?? [],
          p.thresholdKm * 1000,
          margin * 1000,
          p.provinces,
          f.levels ?? null,
          f.jurisdictions ?? null,
          f.categories ?? null,
          f.languages ?? null,
          f.accessibility ?? null,
        ])
      ).rows[0],
    };
  }
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
      g = {
        id: r.group_id,
        name,
        population_total: 0,
        population_within: 0,
        population_not_located: 0,
        pct_within: null,
      };
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
  if (p.groupBy === 'province') {
    // A province's share says nothing about orders of government that publish nothing there.
    const presence = await FeedPresence.read(db);
    const orders = p.filter.levels && p.filter.levels.length > 0 ? [...new Set(p.filter.levels)] : [...LEVELS];
    for (const g of groups) {
      const st = presence.status(g.id || null, orders);
      g.data_status = st.data_status;
      g.orders_without_data = st.orders_without_data;
    }
  }
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
    precision: {
      points: {
        source: precision?.points_source ?? 0,
        postal_code: precision?.points_postal_code ?? 0,
        community: precision?.points_community ?? 0,
        not_located: precision?.points_not_located ?? 0,
        approximate: (precision?.points_postal_code ?? 0) + (precision?.points_community ?? 0),
      },
      units_nearest_approximate: precision?.units_nearest_approximate ?? 0,
      population_nearest_approximate: precision?.population_nearest_approximate ?? 0,
      margin_km: margin,
      population_within_low: precision?.population_within_low ?? 0,
      population_within_high: precision?.population_within_high ?? 0,
      pct_within_low: pct(precision?.population_within_low ?? 0, total),
      pct_within_high: pct(precision?.population_within_high ?? 0, total),
      note: PRECISION_NOTE[lang],
    },
  };
}
