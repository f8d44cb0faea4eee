import { z } from 'zod';
import { byDataStatus, dataStatus3, dataStatusFields, geocodeQuality, level, straightLine } from './common.js';

/** Population by distance band; the last band (max_km null) is beyond every edge or has no point at all. */
export const coverageBand = z.strictObject({ max_km: z.number().nullable(), population: z.number() });
export type CoverageBand = z.infer<typeof coverageBand>;

export const coverageGroup = z.strictObject({
  id: z.string(),
  name: z.string().nullable(),
  population_total: z.number(),
  population_within: z.number(),
  population_not_located: z.number(),
  pct_within: z.number().nullable(),
  /** By province: whether the orders of government counted publish a feed there. */
  data_status: dataStatus3.optional(),
  orders_without_data: z.array(z.string()).optional(),
});
export type CoverageGroup = z.infer<typeof coverageGroup>;

/** How many points sit only at a community's or postal area's centre, and the range of coverage that implies. */
export const coveragePrecision = z.strictObject({
  points: z.strictObject({
    source: z.number(),
    postal_code: z.number(),
    community: z.number(),
    not_located: z.number(),
    approximate: z.number(),
  }),
  units_nearest_approximate: z.number(),
  population_nearest_approximate: z.number(),
  margin_km: z.number(),
  population_within_low: z.number(),
  population_within_high: z.number(),
  pct_within_low: z.number().nullable(),
  pct_within_high: z.number().nullable(),
  note: z.string(),
});
export type CoveragePrecision = z.infer<typeof coveragePrecision>;

/** GET /api/coverage (JSON). */
export const coverage = z.strictObject({
  threshold_km: z.number(),
  distance_kind: straightLine,
  distance_note: z.string(),
  source: z.enum(['stored', 'live']),
  population_total: z.number(),
  population_within: z.number(),
  population_not_located: z.number(),
  pct_within: z.number().nullable(),
  pct_within_located: z.number().nullable(),
  units: z.number(),
  units_not_located: z.number(),
  units_population_unknown: z.number(),
  bands: z.array(coverageBand),
  groups: z.array(coverageGroup),
  precision: coveragePrecision,
});
export type Coverage = z.infer<typeof coverage>;

/** One order of government in one province or territory: is there a published feed, with how many points. */
export const matrixCell = z.strictObject({
  level,
  status: z.enum(['published', 'no_data']),
  points: z.number(),
  points_approximate: z.number(),
  latest_published_at: z.string().nullable(),
  feeds: z.array(
    z.strictObject({
      id: z.string(),
      name_en: z.string(),
      name_fr: z.string(),
      points: z.number(),
      points_approximate: z.number(),
      points_not_located: z.number(),
      published_at: z.string().nullable(),
    }),
  ),
});
export type MatrixCell = z.infer<typeof matrixCell>;

/** GET /api/coverage/matrix (JSON): which orders publish data in each province and territory. */
export const coverageMatrix = z.strictObject({
  note_en: z.string(),
  note_fr: z.string(),
  cells_published: z.number(),
  cells_no_data: z.number(),
  provinces: z.array(
    z.strictObject({ province: z.string(), name_en: z.string(), name_fr: z.string(), orders: z.array(matrixCell) }),
  ),
});
export type CoverageMatrix = z.infer<typeof coverageMatrix>;

/** Coverage of one jurisdiction's, order's or service's points on their own. */
export const breakdownRow = z.strictObject({
  id: z.string(),
  name: z.string(),
  name_en: z.string(),
  name_fr: z.string(),
  points: z.number(),
  points_approximate: z.number(),
  population_within: z.number(),
  units_within: z.number(),
  pct_within: z.number().nullable(),
});
export type BreakdownRow = z.infer<typeof breakdownRow>;

/** GET /api/coverage/breakdown (JSON). */
export const coverageBreakdown = z.strictObject({
  by: z.enum(['jurisdiction', 'level', 'category']),
  threshold_km: z.number(),
  distance_kind: straightLine,
  population_total: z.number(),
  results: z.array(breakdownRow),
});
export type CoverageBreakdown = z.infer<typeof coverageBreakdown>;

/** A population unit far from every matching point, with its priority score and its terms. */
export const gap = z.strictObject({
  unit_id: z.string(),
  name: z.string(),
  province: z.string().nullable(),
  population: z.number().nullable(),
  nearest_distance_m: z.number().nullable(),
  nearest_point_id: z.string().nullable(),
  nearest_point_precision: z.string().nullable(),
  lon: z.number(),
  lat: z.number(),
  indicators: z.record(z.string(), z.unknown()),
  missing_indicators: z.array(z.string()),
  score_terms: z.strictObject({
    population: z.number().nullable(),
    distance: z.number(),
    cwb: z.number().nullable(),
    indigenous: z.number().nullable(),
  }),
  score: z.number(),
  ...dataStatusFields,
});
export type Gap = z.infer<typeof gap>;

/** GET /api/gaps (JSON). */
export const gapList = z.strictObject({
  threshold_km: z.number(),
  distance_kind: straightLine,
  weights: z.strictObject({
    w_population: z.number(),
    w_distance: z.number(),
    w_cwb: z.number(),
    w_indigenous: z.number(),
    cwb_cut: z.number(),
  }),
  total: z.number(),
  total_population: z.number(),
  orders_considered: z.array(z.string()),
  by_data_status: byDataStatus,
  results: z.array(gap),
});
export type GapList = z.infer<typeof gapList>;

/** One end of a co-location pair; `precision` is how its location was found (address, postal area, community). */
export const pairPoint = z.strictObject({
  id: z.string(),
  name: z.string(),
  level,
  jurisdiction_id: z.string(),
  categories: z.array(z.string()),
  address: z.string().nullable(),
  city: z.string().nullable(),
  province: z.string().nullable(),
  precision: geocodeQuality,
  lon: z.number(),
  lat: z.number(),
});
export type PairPoint = z.infer<typeof pairPoint>;

export const pairPrecision = z.enum(['measured', 'same_community']);

/** Two points of different orders of government that could share a site. */
export const colocationPair = z.strictObject({
  id: z.string(),
  precision: pairPrecision,
  a: pairPoint,
  b: pairPoint,
  /** Null where either point is only placed at its community's or postal area's centre. */
  distance_m: z.number().nullable(),
  /** The midpoint, so a GeoJSON export puts each pair on the map. */
  lon: z.number(),
  lat: z.number(),
});
export type ColocationPair = z.infer<typeof colocationPair>;

/** GET /api/partnerships/colocation (JSON). */
export const colocationList = z.strictObject({
  max_m: z.number(),
  distance_kind: straightLine,
  precision: pairPrecision,
  total: z.number(),
  measured_total: z.number(),
  same_community_total: z.number(),
  results: z.array(colocationPair),
});
export type ColocationList = z.infer<typeof colocationList>;

/** A community served by one order of government only within the threshold. */
export const singleOrderCommunity = z.strictObject({
  unit_id: z.string(),
  name: z.string(),
  province: z.string().nullable(),
  population: z.number().nullable(),
  level,
  nearest_distance_m: z.number(),
  nearest_point_id: z.string(),
  ...dataStatusFields,
  lon: z.number(),
  lat: z.number(),
});
export type SingleOrderCommunity = z.infer<typeof singleOrderCommunity>;

/** GET /api/partnerships/single-order (JSON). */
export const singleOrderList = z.strictObject({
  threshold_km: z.number(),
  distance_kind: straightLine,
  /** The orders of government compared. */
  levels: z.array(z.string()),
  total: z.number(),
  total_population: z.number(),
  population_by_level: z.record(z.string(), z.number()),
  by_data_status: byDataStatus,
  results: z.array(singleOrderCommunity),
});
export type SingleOrderList = z.infer<typeof singleOrderList>;

/** A site where a shared office would newly cover the most people, in the order picked. */
export const suggestedSite = z.strictObject({
  rank: z.number().int(),
  candidate_id: z.string(),
  name: z.string(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  newly_covered_population: z.number(),
  newly_covered_units: z.number(),
  cumulative_newly_covered: z.number(),
  cumulative_covered: z.number(),
  cumulative_pct_covered: z.number().nullable(),
});
export type SuggestedSite = z.infer<typeof suggestedSite>;

/** Where suggested sites may go: gazetteer places, existing points, census units, or First Nations and Inuit communities only. */
export const candidateKind = z.enum(['places', 'points', 'units', 'indigenous_communities']);

/** GET /api/partnerships/suggest (JSON). */
export const suggestionList = z.strictObject({
  threshold_km: z.number(),
  distance_kind: straightLine,
  candidates: candidateKind,
  candidates_considered: z.number(),
  population_total: z.number(),
  population_covered_before: z.number(),
  results: z.array(suggestedSite),
});
export type SuggestionList = z.infer<typeof suggestionList>;
