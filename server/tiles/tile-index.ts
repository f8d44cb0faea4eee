import GeoJSONVT from 'geojson-vt';
import Supercluster from 'supercluster';
import { fromGeojsonVt } from 'vt-pbf';
import type { Feature, FeatureCollection, Geometry, Point } from 'geojson';
import type { Queryable } from '../../db/database.js';
import { sqlFile } from '../../db/sql-file.js';
import { LAYER_IDS } from '../layers/catalog.js';

/** The base layers, then one per atlas layer (server/layers/catalog.ts). */
export const TILE_LAYERS = ['service_points', 'population_units', ...LAYER_IDS] as const;
export type TileLayer = (typeof TILE_LAYERS)[number];
export type BaseTileLayer = 'service_points' | 'population_units';
/** Above this many tile units outside the tile, a point is left to the neighbouring tile. */
const POINT_BUFFER = 64;

/** A feature of an atlas layer as a tile carries it. */
type TileFeature = { type: 1 | 2 | 3; geometry: unknown; tags: Record<string, unknown> };

export const TILE_EXTENT = 4096;
/** Above this zoom every point is its own feature; below it, nearby points merge into clusters. */
export const CLUSTER_MAX_ZOOM = 11;
/** Points closer than this (tile units) merge below CLUSTER_MAX_ZOOM. */
export const CLUSTER_RADIUS = 384;
/** Below this zoom, population units are drawn as their points, thinned to the most populous. */
export const UNIT_POLYGON_MIN_ZOOM = 5;
/** At national zooms, at most this many unit points per tile, the most populous first. */
export const UNIT_POINTS_PER_TILE = 400;

interface PointRow {
  id: string;
  name_en: string;
  name_fr: string | null;
  level: string;
  jurisdiction_id: string;
  categories: string[];
  geocode_quality: string;
  lon: number;
  lat: number;
}

interface UnitRow {
  id: string;
  name: string;
  province: string | null;
  population: number | null;
  distance_m: number | null;
  lon: number | null;
  lat: number | null;
  geometry: string;
}

type PointProps = {
  id: string;
  name: string;
  name_fr: string;
  level: string;
  jurisdiction_id: string;
  categories: string;
  precision: string;
};
type ClusterProps = { federal: number; provincial: number; territorial: number; municipal: number; indigenous: number };
type UnitProps = { id: string; name: string; province: string; population: number | null; distance_m: number | null };

/**
 * Everything the map tiles show, held in memory so tiles are cut in Node in
 * both storage modes (PGlite has no ST_AsMVT): points clustered by
 * supercluster, unit polygons sliced by geojson-vt, unit points for the
 * national view. Rebuilt when `stamp` (the analysis generations) changes.
 */
export class TileIndex {
  private constructor(
    readonly stamp: string,
    private readonly points: Supercluster<PointProps, ClusterProps>,
    private readonly unitShapes: GeoJSONVT,
    private readonly unitPoints: Feature<Point, UnitProps>[],
    readonly counts: { points: number; units: number },
  ) {}

  static async build(q: Queryable, stamp: string): Promise<TileIndex> {
    const points = (await q.query<PointRow>(sqlFile('tiles_points_source'))).rows;
    const units = (await q.query<UnitRow>(sqlFile('tiles_units_source'))).rows;
    const cluster = new Supercluster<PointProps, ClusterProps>({
      // The radius is in units of `extent`: 384 of 4096 is 48 px on a 512 px tile.
      radius: CLUSTER_RADIUS,
      extent: TILE_EXTENT,
      maxZoom: CLUSTER_MAX_ZOOM,
      map: (p) => ({
        federal: p.level === 'federal' ? 1 : 0,
        provincial: p.level === 'provincial' ? 1 : 0,
        territorial: p.level === 'territorial' ? 1 : 0,
        municipal: p.level === 'municipal' ? 1 : 0,
        indigenous: p.level === 'indigenous' ? 1 : 0,
      }),
      reduce: (acc, p) => {
        acc.federal += p.federal;
        acc.provincial += p.provincial;
        acc.territorial += p.territorial;
        acc.municipal += p.municipal;
        acc.indigenous += p.indigenous;
      },
    });
    cluster.load(
      points.map((p) => ({
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: [p.lon, p.lat] },
        properties: {
          id: p.id,
          name: p.name_en,
          name_fr: p.name_fr ?? p.name_en,
          level: p.level,
          jurisdiction_id: p.jurisdiction_id,
          categories: p.categories.join(','),
          precision: p.geocode_quality,
        },
      })),
    );
    const props = (u: UnitRow): UnitProps => ({
      id: u.id,
      name: u.name,
      province: u.province ?? '',
      population: u.population,
      distance_m: u.distance_m === null ? null : Math.round(u.distance_m),
    });
    const shapes: FeatureCollection<Geometry, UnitProps> = {
      type: 'FeatureCollection',
      features: units.map((u) => ({
        type: 'Feature',
        geometry: JSON.parse(u.geometry) as Geometry,
        properties: props(u),
      })),
    };
    const unitShapes = new GeoJSONVT(shapes, {
      maxZoom: 14,
      indexMaxZoom: 5,
      tolerance: 3,
      extent: TILE_EXTENT,
      buffer: 64,
    });
    const unitPoints = units
      .filter((u) => u.lon !== null && u.lat !== null)
      .sort((a, b) => (b.population ?? 0) - (a.population ?? 0))
      .map((u) => ({
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: [u.lon!, u.lat!] },
        properties: props(u),
      }));
    return new TileIndex(stamp, cluster, unitShapes, unitPoints, { points: points.length, units: units.length });
  }

  /** One Mapbox Vector Tile (protobuf) with one layer named after `layer`. */
  tile(layer: BaseTileLayer, z: number, x: number, y: number): Uint8Array {
    if (layer === 'service_points') {
      const t = this.points.getTile(z, x, y);
      return fromGeojsonVt(
        { [layer]: { features: (t?.features ?? []).map((f) => ({ ...f, tags: cleanTags(f.tags) })) } },
        { version: 2, extent: TILE_EXTENT },
      );
    }
    if (z >= UNIT_POLYGON_MIN_ZOOM) {
      const t = this.unitShapes.getTile(z, x, y);
      return fromGeojsonVt(
        { [layer]: { features: (t?.features ?? []).map((f) => ({ ...f, tags: cleanTags(f.tags) })) } },
        { version: 2, extent: TILE_EXTENT },
      );
    }
    return fromGeojsonVt(
      { [layer]: { features: this.unitPointsInTile(z, x, y) } },
      { version: 2, extent: TILE_EXTENT },
    );
  }

  /**
   * A tile of an atlas layer drawn on the population units: their shapes from
   * zoom UNIT_POLYGON_MIN_ZOOM, their points (most populous first) below it.
   * `propsOf` gives a unit's properties under the layer's filters; a unit it
   * has none for is not in the layer.
   */
  unitLayerTile(
    layer: string,
    z: number,
    x: number,
    y: number,
    propsOf: (id: string) => Record<string, unknown> | undefined,
  ): Uint8Array {
    const features: TileFeature[] = [];
    if (z >= UNIT_POLYGON_MIN_ZOOM) {
      for (const f of this.unitShapes.getTile(z, x, y)?.features ?? []) {
        const props = propsOf(String((f.tags as { id?: unknown } | null)?.id));
        if (props) features.push({ type: f.type as 1 | 2 | 3, geometry: f.geometry, tags: cleanTags(props) });
      }
    } else {
      features.push(...this.unitPointsInTile(z, x, y, propsOf));
    }
    return fromGeojsonVt({ [layer]: { features } }, { version: 2, extent: TILE_EXTENT });
  }

  /** Unit points of a low-zoom tile, most populous first, at most UNIT_POINTS_PER_TILE. */
  private unitPointsInTile(
    z: number,
    x: number,
    y: number,
    propsOf?: (id: string) => Record<string, unknown> | undefined,
  ) {
    const out: { type: 1; geometry: [number, number][]; tags: Record<string, unknown> }[] = [];
    for (const f of this.unitPoints) {
      const at = tilePixel(f.geometry.coordinates as [number, number], z, x, y, 0);
      if (!at) continue;
      const props = propsOf ? propsOf(f.properties.id) : f.properties;
      if (!props) continue;
      out.push({ type: 1, geometry: [at], tags: cleanTags(props) });
      if (out.length >= UNIT_POINTS_PER_TILE) break;
    }
    return out;
  }
}

/** Where a lon/lat falls in tile z/x/y, in tile units, or null when outside it (plus `buffer` units around it). */
function tilePixel(
  [lon, lat]: [number, number],
  z: number,
  x: number,
  y: number,
  buffer: number,
): [number, number] | null {
  const n = 2 ** z;
  const px = (((lon + 180) / 360) * n - x) * TILE_EXTENT;
  const sin = Math.sin((lat * Math.PI) / 180);
  const py = ((0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * n - y) * TILE_EXTENT;
  if (px < -buffer || px >= TILE_EXTENT + buffer || py < -buffer || py >= TILE_EXTENT + buffer) return null;
  return [Math.round(px), Math.round(py)];
}

/** A tile of an atlas point layer: every row with a location inside the tile (with a small buffer, so symbols at edges are whole). */
export function pointLayerTile(
  layer: string,
  z: number,
  x: number,
  y: number,
  rows: readonly { lon: number | null; lat: number | null }[],
  propsOf: (row: never) => Record<string, unknown>,
): Uint8Array {
  const features: TileFeature[] = [];
  for (const r of rows) {
    if (r.lon === null || r.lat === null) continue;
    const at = tilePixel([r.lon, r.lat], z, x, y, POINT_BUFFER);
    if (at) features.push({ type: 1, geometry: [at], tags: cleanTags(propsOf(r as never)) });
  }
  return fromGeojsonVt({ [layer]: { features } }, { version: 2, extent: TILE_EXTENT });
}

/** MVT values are strings, numbers or booleans: unknown values are left out, not written as "null". */
function cleanTags(tags: object | null | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(tags ?? {})) if (v !== null && v !== undefined) out[k] = v;
  return out;
}
