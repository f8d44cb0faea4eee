import type { Database } from '../../db/database.js';
import { ensureCoverageFresh } from '../../data-loaders/lib/coverage/coverage-store.js';
import { sqlFile } from '../../db/sql-file.js';
import type { Lang } from '../http/lang.js';
import { layerFilterQuery, type LayerFilters, type LayerId } from '../layers/catalog.js';
import { layerData } from '../layers/layer-data.js';
import {
  CLUSTER_MAX_ZOOM,
  CLUSTER_RADIUS,
  pointLayerTile,
  TileIndex,
  UNIT_POINTS_PER_TILE,
  UNIT_POLYGON_MIN_ZOOM,
  type TileLayer,
} from './tile-index.js';

/** `node`: cut from the in-memory index (both modes). `postgis`: ST_AsMVT (server mode only). */
export type TileEngine = 'node' | 'postgis';

export interface RenderedTile {
  data: Uint8Array;
  engine: TileEngine;
  /** The data version the tile was cut from; changes whenever a publish or a census load changes it. */
  stamp: string;
}

const indexes = new WeakMap<Database, { stamp: string; index: Promise<TileIndex> }>();

async function currentStamp(db: Database): Promise<string> {
  const r = await db.query<{ stamp: string }>(sqlFile('tiles_stamp'));
  return r.rows[0]?.stamp ?? '';
}

/**
 * The in-memory tile index of `db`, rebuilt when published points, population
 * units or the stored coverage have changed since it was built (publish and
 * census loads bump counters in analysis_state, whichever process ran them).
 */
export async function tileIndexFor(db: Database): Promise<TileIndex> {
  let stamp = await currentStamp(db);
  const cached = indexes.get(db);
  if (cached && cached.stamp === stamp) return cached.index;
  // Unit tiles show distances: make the store current first (a no-op when it is).
  if (await ensureCoverageFresh(db)) stamp = await currentStamp(db);
  const again = indexes.get(db);
  if (again && again.stamp === stamp) return again.index;
  const index = TileIndex.build(db, stamp);
  indexes.set(db, { stamp, index });
  index.catch(() => {
    if (indexes.get(db)?.index === index) indexes.delete(db);
  });
  return index;
}

/** Drops the cached index of `db`; the next tile rebuilds it. */
export function invalidateTileIndex(db: Database): void {
  indexes.delete(db);
}

const DEFAULT_FILTERS = layerFilterQuery.parse({});

/**
 * One tile of an atlas layer under `filters`: its features carry the layer's
 * few tile properties (the legend's property among them); the rows come from
 * the layer's cached data, the shapes from the tile index.
 */
async function renderLayerTile(
  db: Database,
  layer: LayerId,
  z: number,
  x: number,
  y: number,
  filters: LayerFilters,
  lang: Lang,
): Promise<RenderedTile> {
  const index = await tileIndexFor(db);
  const d = await layerData(db, layer, filters, lang);
  const pick = (row: Record<string, unknown>) => {
    const out: Record<string, unknown> = {};
    for (const k of d.tileProperties) out[k] = Array.isArray(row[k]) ? (row[k] as unknown[]).join(',') : row[k];
    return out;
  };
  const data =
    d.geometry === 'units'
      ? index.unitLayerTile(layer, z, x, y, (id) => {
          const row = d.byId.get(id);
          return row ? pick(row) : undefined;
        })
      : pointLayerTile(layer, z, x, y, d.rows, pick);
  return { data, engine: 'node', stamp: index.stamp };
}

/** One vector tile of `layer`. Exported for the benchmark, which compares the two engines. */
export async function renderTile(
  db: Database,
  layer: TileLayer,
  z: number,
  x: number,
  y: number,
  engine: TileEngine = 'node',
  filters: LayerFilters = DEFAULT_FILTERS,
  lang: Lang = 'en',
): Promise<RenderedTile> {
  if (layer !== 'service_points' && layer !== 'population_units') {
    if (engine !== 'node') throw new Error('atlas layers are cut in Node only');
    return renderLayerTile(db, layer, z, x, y, filters, lang);
  }
  if (engine === 'node') {
    const index = await tileIndexFor(db);
    return { data: index.tile(layer, z, x, y), engine, stamp: index.stamp };
  }
  if (db.kind !== 'postgis') throw new Error('ST_AsMVT needs server mode (PostGIS with protobuf)');
  await ensureCoverageFresh(db);
  const stamp = await currentStamp(db);
  const r =
    layer === 'service_points'
      ? await db.query<{ mvt: Uint8Array | null }>(sqlFile('tiles_service_points_mvt'), [
          z,
          x,
          y,
          z <= CLUSTER_MAX_ZOOM ? CLUSTER_RADIUS : 0,
        ])
      : await db.query<{ mvt: Uint8Array | null }>(sqlFile('tiles_population_units_mvt'), [
          z,
          x,
          y,
          UNIT_POLYGON_MIN_ZOOM,
          UNIT_POINTS_PER_TILE,
        ]);
  return { data: r.rows[0]?.mvt ?? new Uint8Array(), engine, stamp };
}
