import type { Database } from '../../db/database.js';
import type { Lang } from '../http/lang.js';
import { pointFilterOf } from '../queries/analysis/analysis-query.js';
import { withDistances } from '../../data-loaders/lib/coverage/coverage-store.js';
import { DEFAULT_GAP_WEIGHTS, listGaps } from '../queries/analysis/gaps.js';
import { colocationPairs, singleOrderUnits, suggestSites } from '../queries/analysis/partnerships.js';
import { remotenessIndex } from '../queries/analysis/remoteness.js';
import { sqlFile } from '../../db/sql-file.js';
import { tileIndexFor } from '../tiles/render-tile.js';
import {
  classOf,
  CWB_CLASSES,
  DENSITY_CLASSES,
  DISTANCE_CLASSES,
  layerById,
  layerQueryString,
  REMOTENESS_CLASSES,
  type LayerFilters,
  type LayerId,
} from './catalog.js';

/** One row of a layer's table; the same row's `id` and class property style its map feature. */
export type LayerRow = Record<string, unknown> & { id: string; lon: number | null; lat: number | null };

export interface LayerData {
  /** `units`: features are the population units' shapes (points at national zooms); `points`: each row's lon/lat. */
  geometry: 'units' | 'points';
  rows: LayerRow[];
  /** The columns of the table, in order (sortable by any of them). */
  columns: string[];
  /** The properties each map feature carries (a few, to keep tiles small). */
  tileProperties: string[];
  /** Figures about the whole layer (totals, data status) for the table's header. */
  summary: Record<string, unknown>;
  byId: Map<string, LayerRow>;
}

interface UnitRow {
  id: string;
  name: string;
  province: string | null;
  population: number | null;
  cwb: number | null;
  income: number | null;
  education: number | null;
  housing: number | null;
  labour_force_activity: number | null;
  community_type: string | null;
  area_km2: number | null;
  lon: number;
  lat: number;
}

const round = (x: number | null | undefined, digits: number) =>
  x === null || x === undefined ? null : Math.round(x * 10 ** digits) / 10 ** digits;
/** Every row of a paged finding, for the map and the table (the findings' own routes page through them). */
const ALL = 1_000_000;

function data(
  geometry: LayerData['geometry'],
  rows: LayerRow[],
  columns: string[],
  tileProperties: string[],
  summary: Record<string, unknown> = {},
): LayerData {
  return { geometry, rows, columns, tileProperties, summary, byId: new Map(rows.map((r) => [r.id, r])) };
}

async function unitRows(db: Database, provinces: string[] | null): Promise<UnitRow[]> {
  return (await db.query<UnitRow>(sqlFile('layers_units'), [provinces])).rows;
}

const base = (u: UnitRow) => ({ id: u.id, name: u.name, province: u.province, population: u.population });

async function build(db: Database, id: LayerId, f: LayerFilters, lang: Lang): Promise<LayerData> {
  const provinces = f.province ?? null;
  const filter = pointFilterOf(f);
  switch (id) {
    case 'cwb': {
      const rows = (await unitRows(db, provinces)).map((u) => ({
        ...base(u),
        cwb: u.cwb,
        cwb_class: classOf(CWB_CLASSES, u.cwb, 'none'),
        income: u.income,
        education: u.education,
        housing: u.housing,
        labour_force_activity: u.labour_force_activity,
        lon: u.lon,
        lat: u.lat,
      }));
      const published = rows.filter((r) => r.cwb !== null);
      return data(
        'units',
        rows,
        [
          'id',
          'name',
          'province',
          'population',
          'cwb',
          'cwb_class',
          'income',
          'education',
          'housing',
          'labour_force_activity',
          'lon',
          'lat',
        ],
        ['id', 'name', 'cwb', 'cwb_class'],
        { units: rows.length, units_with_score: published.length, units_without_score: rows.length - published.length },
      );
    }
    case 'community_type':
    case 'indigenous_communities': {
      let rows = (await unitRows(db, provinces)).map((u) => ({
        ...base(u),
        community_type: u.community_type ?? 'unknown',
        cwb: u.cwb,
        lon: u.lon,
        lat: u.lat,
      }));
      if (id === 'indigenous_communities')
        rows = rows.filter((r) => r.community_type === 'first_nations' || r.community_type === 'inuit');
      const counts: Record<string, number> = {};
      for (const r of rows) counts[r.community_type] = (counts[r.community_type] ?? 0) + 1;
      return data(
        id === 'community_type' ? 'units' : 'points',
        rows,
        ['id', 'name', 'province', 'population', 'community_type', 'cwb', 'lon', 'lat'],
        ['id', 'name', 'community_type', 'population'],
        { units: rows.length, by_community_type: counts },
      );
    }
    case 'population_density': {
      const rows = (await unitRows(db, provinces)).map((u) => {
        const density = u.area_km2 && u.area_km2 > 0 && u.population !== null ? u.population / u.area_km2 : null;
        return {
          ...base(u),
          area_km2: round(u.area_km2, 2),
          density_per_km2: round(density, 2),
          density_class: classOf(DENSITY_CLASSES, density, 'unknown'),
          lon: u.lon,
          lat: u.lat,
        };
      });
      return data(
        'units',
        rows,
        ['id', 'name', 'province', 'population', 'area_km2', 'density_per_km2', 'density_class', 'lon', 'lat'],
        ['id', 'name', 'density_per_km2', 'density_class'],
        { units: rows.length, units_without_area: rows.filter((r) => r.area_km2 === null).length },
      );
    }
    case 'remoteness': {
      // The index is relative to every unit of the country; a province filter only narrows the rows shown.
      const all = await unitRows(db, null);
      const index = remotenessIndex(all);
      const rows = all
        .filter((u) => provinces === null || (u.province !== null && provinces.includes(u.province)))
        .map((u) => {
          const r = index.get(u.id);
          return {
            ...base(u),
            remoteness_index: round(r?.index, 4),
            remoteness_class: classOf(REMOTENESS_CLASSES, r?.index, 'unknown'),
            accessibility: round(r?.accessibility, 2),
            centres_within_bound: r?.centres ?? 0,
            lon: u.lon,
            lat: u.lat,
          };
        });
      return data(
        'units',
        rows,
        [
          'id',
          'name',
          'province',
          'population',
          'remoteness_index',
          'remoteness_class',
          'accessibility',
          'centres_within_bound',
          'lon',
          'lat',
        ],
        ['id', 'name', 'remoteness_index', 'remoteness_class'],
        { units: rows.length, distance_kind: 'straight_line', method: 'docs/coverage.md#index-of-remoteness' },
      );
    }
    case 'distance_to_service': {
      const units = new Map((await unitRows(db, provinces)).map((u) => [u.id, u]));
      const dist = await withDistances(
        db,
        [filter],
        provinces,
        async (q, groups) =>
          (
            await q.query<{
              id: string;
              distance_m: number | null;
              nearest_point_id: string | null;
              nearest_point_precision: string | null;
            }>(sqlFile('layers_unit_distances'), [groups[0] ?? [], provinces])
          ).rows,
      );
      const rows = dist.flatMap((d) => {
        const u = units.get(d.id);
        if (!u) return [];
        const km = d.distance_m === null ? null : d.distance_m / 1000;
        return [
          {
            ...base(u),
            distance_km: round(km, 2),
            distance_class: classOf(DISTANCE_CLASSES, km, 'none'),
            nearest_point_id: d.nearest_point_id,
            nearest_point_precision: d.nearest_point_precision,
            lon: u.lon,
            lat: u.lat,
          },
        ];
      });
      const approximate = rows.filter(
        (r) => r.nearest_point_precision === 'postal_code' || r.nearest_point_precision === 'community',
      );
      return data(
        'units',
        rows,
        [
          'id',
          'name',
          'province',
          'population',
          'distance_km',
          'distance_class',
          'nearest_point_id',
          'nearest_point_precision',
          'lon',
          'lat',
        ],
        ['id', 'name', 'distance_km', 'distance_class', 'nearest_point_precision'],
        { units: rows.length, distance_kind: 'straight_line', units_nearest_point_approximate: approximate.length },
      );
    }
    case 'gaps': {
      const g = await listGaps(db, {
        thresholdKm: f.threshold_km,
        filter,
        provinces,
        limit: ALL,
        offset: 0,
        weights: DEFAULT_GAP_WEIGHTS,
      });
      const rows = g.results.map((r) => ({
        id: r.unit_id,
        name: r.name,
        province: r.province,
        population: r.population,
        nearest_distance_km: round(r.nearest_distance_m === null ? null : r.nearest_distance_m / 1000, 2),
        nearest_point_precision: r.nearest_point_precision,
        score: r.score,
        gap_class: r.data_status === 'no_data' ? 'no_data' : r.score >= 2 ? 'high' : r.score >= 1 ? 'medium' : 'low',
        data_status: r.data_status,
        orders_without_data: r.orders_without_data,
        data_note_en: r.data_note_en,
        data_note_fr: r.data_note_fr,
        cwb: r.indicators['cwb'] ?? null,
        community_type: r.indicators['community_type'] ?? null,
        lon: r.lon,
        lat: r.lat,
      }));
      return data(
        'units',
        rows,
        [
          'id',
          'name',
          'province',
          'population',
          'nearest_distance_km',
          'nearest_point_precision',
          'score',
          'gap_class',
          'data_status',
          'orders_without_data',
          'data_note_en',
          'data_note_fr',
          'cwb',
          'community_type',
          'lon',
          'lat',
        ],
        ['id', 'name', 'score', 'gap_class', 'data_status'],
        {
          threshold_km: f.threshold_km,
          distance_kind: 'straight_line',
          total: g.total,
          total_population: g.total_population,
          orders_considered: g.orders_considered,
          by_data_status: g.by_data_status,
        },
      );
    }
    case 'single_order': {
      const s = await singleOrderUnits(db, { thresholdKm: f.threshold_km, filter, provinces, limit: ALL, offset: 0 });
      const rows = s.results.map((r) => ({
        id: r.unit_id,
        name: r.name,
        province: r.province,
        population: r.population,
        level: r.level,
        single_order_class: r.data_status === 'no_data' ? 'no_data' : r.level,
        data_status: r.data_status,
        orders_without_data: r.orders_without_data,
        data_note_en: r.data_note_en,
        data_note_fr: r.data_note_fr,
        nearest_distance_km: round(r.nearest_distance_m / 1000, 2),
        nearest_point_id: r.nearest_point_id,
        lon: r.lon,
        lat: r.lat,
      }));
      return data(
        'units',
        rows,
        [
          'id',
          'name',
          'province',
          'population',
          'level',
          'single_order_class',
          'data_status',
          'orders_without_data',
          'data_note_en',
          'data_note_fr',
          'nearest_distance_km',
          'nearest_point_id',
          'lon',
          'lat',
        ],
        ['id', 'name', 'level', 'single_order_class', 'data_status'],
        {
          threshold_km: f.threshold_km,
          distance_kind: 'straight_line',
          levels: s.levels,
          total: s.total,
          total_population: s.total_population,
          by_data_status: s.by_data_status,
        },
      );
    }
    case 'colocation': {
      const args = { maxM: f.max_m, filter, provinces, limit: ALL, offset: 0 };
      const measured = await colocationPairs(db, { ...args, precision: 'measured' }, lang);
      const same = await colocationPairs(db, { ...args, precision: 'same_community' }, lang);
      const rows = [...measured.results, ...same.results].map((p) => ({
        id: p.id,
        precision: p.precision,
        distance_m: p.distance_m,
        a_id: p.a.id,
        a_name: p.a.name,
        a_level: p.a.level,
        a_precision: p.a.precision,
        a_city: p.a.city,
        a_province: p.a.province,
        b_id: p.b.id,
        b_name: p.b.name,
        b_level: p.b.level,
        b_precision: p.b.precision,
        b_city: p.b.city,
        b_province: p.b.province,
        lon: p.lon,
        lat: p.lat,
      }));
      return data(
        'points',
        rows,
        [
          'id',
          'precision',
          'distance_m',
          'a_id',
          'a_name',
          'a_level',
          'a_precision',
          'a_city',
          'a_province',
          'b_id',
          'b_name',
          'b_level',
          'b_precision',
          'b_city',
          'b_province',
          'lon',
          'lat',
        ],
        ['id', 'precision', 'distance_m', 'a_name', 'a_level', 'b_name', 'b_level'],
        {
          max_m: f.max_m,
          distance_kind: 'straight_line',
          measured_total: measured.total,
          same_community_total: same.total,
        },
      );
    }
    case 'suggested_sites': {
      const s = await suggestSites(
        db,
        { k: f.k, thresholdKm: f.threshold_km, candidates: f.candidates, filter, provinces },
        lang,
      );
      const { results, ...summary } = s;
      const rows = results.map((r) => ({
        id: r.candidate_id,
        rank: r.rank,
        name: r.name,
        site: 'suggested',
        newly_covered_population: r.newly_covered_population,
        newly_covered_units: r.newly_covered_units,
        cumulative_covered: r.cumulative_covered,
        cumulative_pct_covered: r.cumulative_pct_covered,
        lon: r.lon,
        lat: r.lat,
      }));
      return data(
        'points',
        rows,
        [
          'id',
          'rank',
          'name',
          'site',
          'newly_covered_population',
          'newly_covered_units',
          'cumulative_covered',
          'cumulative_pct_covered',
          'lon',
          'lat',
        ],
        ['id', 'rank', 'name', 'site', 'newly_covered_population'],
        summary,
      );
    }
  }
}

const MAX_CACHED = 32;
const caches = new WeakMap<Database, Map<string, Promise<LayerData>>>();

/**
 * The rows of one layer under the filters, computed once per data version
 * (the tile stamp: published points, units, stored coverage) and kept for the
 * tiles and the table that follow; the least recently used are dropped.
 */
export async function layerData(db: Database, id: LayerId, f: LayerFilters, lang: Lang): Promise<LayerData> {
  const layer = layerById(id);
  if (!layer) throw new Error(`unknown layer ${id}`);
  // The stamp moves when a publish or a census load changes what the layer shows.
  const stamp = (await tileIndexFor(db)).stamp;
  // Names in rows follow the language only for the point-pair layer.
  const key = `${stamp}|${id}|${layerQueryString(layer, f)}|${id === 'colocation' || id === 'suggested_sites' ? lang : ''}`;
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const p = build(db, id, f, lang);
  cache.set(key, p);
  p.catch(() => {
    if (cache.get(key) === p) cache.delete(key);
  });
  while (cache.size > MAX_CACHED) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    cache.delete(oldest);
  }
  return p;
}
