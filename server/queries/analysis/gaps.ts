import type { Database } from '../../../db/database.js';
import { LEVELS } from '../../http/list-params.js';
import { sqlFile } from '../../../db/sql-file.js';
import { withDistances } from '../../../data-loaders/lib/coverage/coverage-store.js';
import { storedGapScope } from '../../../data-loaders/lib/coverage/coverage-totals.js';
import { dataNote, FeedPresence, type DataStatus } from './data-coverage.js';
import type { PointFilter } from '../../../data-loaders/lib/coverage/point-filter.js';

/** Weights of the gap priority score (docs/coverage.md): each term is in [0, 1]. */
export interface GapWeights {
  population: number;
  distance: number;
  cwb: number;
  indigenous: number;
  /** A Community Well-Being index below this counts as low. */
  cwbCut: number;
}

export const DEFAULT_GAP_WEIGHTS: GapWeights = { population: 1, distance: 1, cwb: 0.5, indigenous: 0.5, cwbCut: 65 };

export interface GapParams {
  thresholdKm: number;
  filter: PointFilter;
  provinces: string[] | null;
  limit: number;
  offset: number;
  weights: GapWeights;
}

interface Row {
  unit_id: string;
  name: string;
  province: string | null;
  population: number | null;
  nearest_distance_m: number | null;
  nearest_point_id: string | null;
  nearest_point_precision: string | null;
  lon: number;
  lat: number;
  indicators: Record<string, unknown>;
  population_term: number | null;
  distance_term: number;
  cwb_term: number | null;
  indigenous_term: number | null;
  score: number;
  total_gaps: number;
  total_gap_population: number;
  gaps_by_province: Record<string, { units: number; population: number }>;
}

type StatusTotals = Record<DataStatus['data_status'], { units: number; population: number }>;

/** Units and population of a finding by data status, from its per-province totals. */
export function totalsByStatus(
  byProvince: Record<string, { units: number; population: number }>,
  statusOf: (province: string | null) => DataStatus['data_status'],
): StatusTotals {
  const out: StatusTotals = {
    measured: { units: 0, population: 0 },
    partial: { units: 0, population: 0 },
    no_data: { units: 0, population: 0 },
  };
  for (const [province, t] of Object.entries(byProvince)) {
    const o = out[statusOf(province === '' ? null : province)];
    o.units += t.units;
    o.population += t.population;
  }
  return out;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Units farther than the threshold from every matching point, highest priority first. */
export async function listGaps(db: Database, p: GapParams) {
  const w = p.weights;
  const rows = await withDistances(db, [p.filter], p.provinces, async (q, groups, live) => {
    // One stored scope at the default threshold or beyond: its far units were stored at refresh.
    const stored = await storedGapScope(q, groups[0], live, p.thresholdKm * 1000);
    return (
      await q.query<Row>(sqlFile('gaps_list'), [
        stored === null ? (groups[0] ?? []) : [stored],
        p.thresholdKm * 1000,
        p.provinces,
        p.limit,
        p.offset,
        w.population,
        w.distance,
        w.cwb,
        w.indigenous,
        w.cwbCut,
        stored !== null,
      ])
    ).rows;
  });
  const first = rows[0];
  // A gap claims that no point of the orders considered is near: checked only where they publish.
  const orders = p.filter.levels && p.filter.levels.length > 0 ? [...new Set(p.filter.levels)] : [...LEVELS];
  const presence = await FeedPresence.read(db);
  return {
    total: first?.total_gaps ?? 0,
    total_population: first?.total_gap_population ?? 0,
    orders_considered: orders,
    by_data_status: totalsByStatus(
      first?.gaps_by_province ?? {},
      (province) => presence.status(province, orders).data_status,
    ),
    results: rows.map((r) => {
      const status = presence.status(r.province, orders);
      const missing = [
        ...(r.population === null ? ['population'] : []),
        ...(r.cwb_term === null ? ['cwb'] : []),
        ...(r.indigenous_term === null ? ['community_type'] : []),
      ];
      return {
        unit_id: r.unit_id,
        name: r.name,
        province: r.province,
        population: r.population,
        nearest_distance_m: r.nearest_distance_m === null ? null : round(r.nearest_distance_m, 1),
        nearest_point_id: r.nearest_point_id,
        nearest_point_precision: r.nearest_point_precision,
        lon: r.lon,
        lat: r.lat,
        indicators: r.indicators,
        missing_indicators: missing,
        score_terms: {
          population: r.population_term === null ? null : round(r.population_term, 4),
          distance: round(r.distance_term, 4),
          cwb: r.cwb_term,
          indigenous: r.indigenous_term,
        },
        score: round(r.score, 4),
        ...status,
        ...dataNote(status, r.province),
      };
    }),
  };
}
