import type { GeocodeQuality, Level } from '../../../contract/common.js';
import type { Database } from '../../../db/database.js';
import type { Lang } from '../../http/lang.js';
import { LEVELS } from '../../http/list-params.js';
import { sqlFile } from '../../../db/sql-file.js';
import { withDistances } from '../../../data-loaders/lib/coverage/coverage-store.js';
import { DEFAULT_BANDS_KM, storedGapScope } from '../../../data-loaders/lib/coverage/coverage-totals.js';
import { greedyMaxCoverage, type CoverageCandidate } from './greedy-max-coverage.js';
import type { PointFilter } from '../../../data-loaders/lib/coverage/point-filter.js';
import { coverageSummary } from './coverage-summary.js';
import { dataNote, FeedPresence } from './data-coverage.js';
import { totalsByStatus } from './gaps.js';

const round1 = (x: number) => Math.round(x * 10) / 10;

type Side = 'a' | 'b';
type ColocationRow = Record<`${Side}_${'id' | 'name_en' | 'jurisdiction_id'}`, string> &
  Record<`${Side}_level`, Level> &
  Record<`${Side}_precision`, GeocodeQuality> &
  Record<`${Side}_${'name_fr' | 'address' | 'city' | 'province'}`, string | null> &
  Record<`${Side}_${'lon' | 'lat'}`, number> &
  Record<`${Side}_categories`, string[]> & { distance_m: number | null; total: number };

/** measured: both points at their address, a distance in metres. same_community: one is at a community or postal-area centre. */
export type PairPrecision = 'measured' | 'same_community';

function side(r: ColocationRow, s: Side, lang: Lang) {
  const nameEn = r[`${s}_name_en`];
  const nameFr = r[`${s}_name_fr`];
  return {
    id: r[`${s}_id`],
    name: lang === 'fr' ? (nameFr ?? nameEn) : nameEn,
    level: r[`${s}_level`],
    jurisdiction_id: r[`${s}_jurisdiction_id`],
    categories: r[`${s}_categories`],
    address: r[`${s}_address`],
    city: r[`${s}_city`],
    province: r[`${s}_province`],
    precision: r[`${s}_precision`],
    lon: r[`${s}_lon`],
    lat: r[`${s}_lat`],
  };
}

/**
 * Pairs of points of different orders of government that could share a site.
 * `measured`: both located at their address, within `maxM`, nearest first.
 * `same_community`: at least one only at its community's or postal area's
 * centre (within `maxM` or in the same city): listed without a distance.
 */
export async function colocationPairs(
  db: Database,
  p: {
    maxM: number;
    filter: PointFilter;
    provinces: string[] | null;
    limit: number;
    offset: number;
    precision?: PairPrecision;
  },
  lang: Lang,
) {
  const precision = p.precision ?? 'measured';
  const args = (which: PairPrecision, limit: number, offset: number) => [
    p.maxM,
    p.filter.levels ?? null,
    p.filter.jurisdictions ?? null,
    p.filter.categories ?? null,
    p.provinces,
    limit,
    offset,
    which,
  ];
  const r = await db.query<ColocationRow>(sqlFile('partnerships_colocation'), args(precision, p.limit, p.offset));
  const other: PairPrecision = precision === 'measured' ? 'same_community' : 'measured';
  const otherTotal =
    (await db.query<{ total: number }>(sqlFile('partnerships_colocation'), args(other, 1, 0))).rows[0]?.total ?? 0;
  const total = r.rows[0]?.total ?? 0;
  return {
    precision,
    total,
    measured_total: precision === 'measured' ? total : otherTotal,
    same_community_total: precision === 'same_community' ? total : otherTotal,
    results: r.rows.map((row) => {
      const a = side(row, 'a', lang);
      const b = side(row, 'b', lang);
      // lon/lat: the midpoint, so a GeoJSON export puts each pair on the map.
      return {
        id: `${a.id ?? ''}~${b.id ?? ''}`,
        precision,
        a,
        b,
        distance_m: row.distance_m === null ? null : round1(row.distance_m),
        lon: (a.lon + b.lon) / 2,
        lat: (a.lat + b.lat) / 2,
      };
    }),
  };
}

interface SingleOrderRow {
  unit_id: string;
  name: string;
  province: string | null;
  population: number | null;
  lon: number;
  lat: number;
  level: Level;
  nearest_distance_m: number;
  nearest_point_id: string;
  total: number;
  total_population: number;
  population_by_level: Record<string, number>;
  by_province_level: Record<string, Record<string, { units: number; population: number }>>;
}

/** Population units within the threshold of one order of government's points only. */
export async function singleOrderUnits(
  db: Database,
  p: { thresholdKm: number; filter: PointFilter; provinces: string[] | null; limit: number; offset: number },
) {
  const levels = p.filter.levels && p.filter.levels.length > 0 ? [...new Set(p.filter.levels)] : [...LEVELS];
  // One distance group per order of government, each narrowed by the other filters.
  const filters = levels.map((level) => ({ ...p.filter, levels: [level] }));
  const rows = await withDistances(db, filters, p.provinces, async (q, groups) => {
    const keys: string[] = [];
    const keyLevels: string[] = [];
    groups.forEach((g, i) => {
      for (const scope of g) {
        keys.push(scope);
        keyLevels.push(levels[i] ?? '');
      }
    });
    return (
      await q.query<SingleOrderRow>(sqlFile('partnerships_single_order'), [
        keys,
        keyLevels,
        p.thresholdKm * 1000,
        p.provinces,
        p.limit,
        p.offset,
      ])
    ).rows;
  });
  const first = rows[0];
  // "Served by one order only" claims the other orders' absence: checked only where they publish.
  const presence = await FeedPresence.read(db);
  const statusOf = (province: string | null, level: string) =>
    presence.status(
      province,
      levels.filter((l) => l !== level),
    );
  const byStatus = totalsByStatus({}, () => 'measured');
  for (const [province, perLevel] of Object.entries(first?.by_province_level ?? {})) {
    for (const [level, t] of Object.entries(perLevel)) {
      const o = byStatus[statusOf(province === '' ? null : province, level).data_status];
      o.units += t.units;
      o.population += t.population;
    }
  }
  return {
    levels,
    total: first?.total ?? 0,
    total_population: first?.total_population ?? 0,
    population_by_level: first?.population_by_level ?? {},
    by_data_status: byStatus,
    results: rows.map((r) => ({
      unit_id: r.unit_id,
      name: r.name,
      province: r.province,
      population: r.population,
      level: r.level,
      nearest_distance_m: round1(r.nearest_distance_m),
      nearest_point_id: r.nearest_point_id,
      ...statusOf(r.province, r.level),
      ...dataNote(statusOf(r.province, r.level), r.province),
      lon: r.lon,
      lat: r.lat,
    })),
  };
}

interface PairRow {
  candidate_id: string;
  name: string;
  lon: number;
  lat: number;
  unit_id: string;
  population: number;
}

/** Where a suggested site may go: gazetteer communities, existing offices, census units, or First Nations and Inuit communities only. */
export const CANDIDATE_KINDS = ['places', 'points', 'units', 'indigenous_communities'] as const;
export type CandidateKind = (typeof CANDIDATE_KINDS)[number];

/**
 * Up to k new shared sites, chosen greedily to bring the most people within
 * the threshold, the existing matching points staying where they are.
 */
export async function suggestSites(
  db: Database,
  p: { k: number; thresholdKm: number; candidates: CandidateKind; filter: PointFilter; provinces: string[] | null },
  lang: Lang,
) {
  const file = {
    places: 'partnerships_suggest_places',
    points: 'partnerships_suggest_points',
    units: 'partnerships_suggest_units',
    indigenous_communities: 'partnerships_suggest_units',
  }[p.candidates];
  const extra = file === 'partnerships_suggest_units' ? [p.candidates === 'indigenous_communities'] : [];
  const pairs = await withDistances(db, [p.filter], p.provinces, async (q, groups, live) => {
    // One stored scope at the default threshold or beyond: the uncovered units were stored at refresh.
    const stored = await storedGapScope(q, groups[0], live, p.thresholdKm * 1000);
    return (
      await q.query<PairRow>(sqlFile(file), [
        stored === null ? (groups[0] ?? []) : [stored],
        p.thresholdKm * 1000,
        p.provinces,
        ...extra,
        stored !== null,
      ])
    ).rows;
  });
  const population = new Map<string, number>();
  const byCandidate = new Map<string, { name: string; lon: number; lat: number; covers: string[] }>();
  for (const r of pairs) {
    population.set(r.unit_id, r.population);
    let c = byCandidate.get(r.candidate_id);
    if (!c) {
      c = { name: r.name, lon: r.lon, lat: r.lat, covers: [] };
      byCandidate.set(r.candidate_id, c);
    }
    c.covers.push(r.unit_id);
  }
  const candidates: CoverageCandidate[] = [...byCandidate.entries()].map(([id, c]) => ({ id, covers: c.covers }));
  const picks = greedyMaxCoverage(candidates, population, p.k);
  const baseline = await coverageSummary(
    db,
    // The default bands: at a threshold among them the stored totals answer (same population figures).
    {
      thresholdKm: p.thresholdKm,
      filter: p.filter,
      provinces: p.provinces,
      groupBy: 'none',
      bandsKm: [...DEFAULT_BANDS_KM],
    },
    lang,
  );
  return {
    threshold_km: p.thresholdKm,
    distance_kind: 'straight_line' as const,
    candidates: p.candidates,
    candidates_considered: candidates.length,
    population_total: baseline.population_total,
    population_covered_before: baseline.population_within,
    results: picks.map((pick, i) => {
      const c = byCandidate.get(pick.candidate_id);
      const covered = baseline.population_within + pick.cumulative_newly_covered;
      return {
        rank: i + 1,
        candidate_id: pick.candidate_id,
        name: c?.name ?? pick.candidate_id,
        lon: c?.lon ?? null,
        lat: c?.lat ?? null,
        newly_covered_population: pick.newly_covered_population,
        newly_covered_units: pick.newly_covered_units,
        cumulative_newly_covered: pick.cumulative_newly_covered,
        cumulative_covered: covered,
        cumulative_pct_covered:
          baseline.population_total > 0 ? Math.round((10000 * covered) / baseline.population_total) / 100 : null,
      };
    }),
  };
}
