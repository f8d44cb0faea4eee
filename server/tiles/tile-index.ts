import GeoJSONVT from 'geojson-vt';
import Supercluster from 'supercluster';
import { fromGeojsonVt } from 'vt-pbf';
import type { Feature, FeatureCollection, Geometry, Point } from 'geojson';
import type { Queryable } from '../../db/database.js';
import { sqlFile } from '../../db/sql-file.js';

export const TILE_LAYERS = ['service_points', 'population_units'] as const;
export type TileLayer = (typeof TILE_LAYERS)[number];

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

type PointProps = { id: string; name: string; name_fr: string; level: string; jurisdiction_id: string; categories: string };
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
          id: p.id, name: p.name_en, name_fr: p.name_fr ?? p.name_en, level: p.level, jurisdiction_id: p.jurisdiction_id,
          categories: p.categories.join(','),
        },
      })),
    );
    const props = (u: UnitRow): UnitProps => ({
      id: u.id, name: u.name, province: u.province ?? '', population: u.population,
      distance_m: u.distance_m === null ? null : Math.round(u.distance_m),
    });
    const shapes: FeatureCollection<Geometry, UnitProps> = {
      type: 'FeatureCollection',
      features: units.map((u) => ({ type: 'Feature', geometry: JSON.parse(u.geometry) as Geometry, properties: props(u) })),
    };
    const unitShapes = new GeoJSONVT(shapes, { maxZoom: 14, indexMaxZoom: 5, tolerance: 3, extent: TILE_EXTENT, buffer: 64 });
    const unitPoints = units
      .filter((u) => u.lon !== null && u.lat !== null)
      .sort((a, b) => (b.population ?? 0) - (a.population ?? 0))
      .map((u) => ({ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [u.lon!, u.lat!] }, properties: props(u) }));
    return new TileIndex(stamp, cluster, unitShapes, unitPoints, { points: points.length, units: units.length });
  }

  /** One Mapbox Vector Tile (protobuf) with one layer named after `layer`. */
  tile(layer: TileLayer, z: number, x: number, y: number): Uint8Array {
    if (layer === 'service_points') {
      const t = this.points.getTile(z, x, y);
      return fromGeojsonVt({ [layer]: { features: (t?.features ?? []).map((f) => ({ ...f, tags: cleanTags(f.tags) })) } }, { version: 2, extent: TILE_EXTENT });
    }
    if (z >= UNIT_POLYGON_MIN_ZOOM) {
      const t = this.unitShapes.getTile(z, x, y);
      return fromGeojsonVt({ [layer]: { features: (t?.features ?? []).map((f) => ({ ...f, tags: cleanTags(f.tags) })) } }, { version: 2, extent: TILE_EXTENT });
    }
    return fromGeojsonVt({ [layer]: { features: this.unitPointsInTile(z, x, y) } }, { version: 2, extent: TILE_EXTENT });
  }

  /** Unit points of a low-zoom tile, most populous first, at most UNIT_POINTS_PER_TILE. */
  private unitPointsInTile(z: number, x: number, y: number) {
    const n = 2 ** z;
    const out: { type: 1; geometry: [number, number][]; tags: Record<string, unknown> }[] = [];
    for (const f of this.unitPoints) {
      const [lon, lat] = f.geometry.coordinates as [number, number];
      const px = ((lon + 180) / 360) * n - x;
      const sin = Math.sin((lat * Math.PI) / 180);
      const py = (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * n - y;
      if (px < 0 || px >= 1 || py < 0 || py >= 1) continue;
      out.push({ type: 1, geometry: [[Math.round(px * TILE_EXTENT), Math.round(py * TILE_EXTENT)]], tags: cleanTags(f.properties) });
      if (out.length >= UNIT_POINTS_PER_TILE) break;
    }
    return out;
  }
}

/** MVT values are strings, numbers or booleans: unknown values are left out, not written as "null". */
function cleanTags(tags: object | null | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(tags ?? {})) if (v !== null && v !== undefined) out[k] = v;
  return out;
}
