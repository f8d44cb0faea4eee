import type { Feature, Geometry } from 'geojson';
import type { Database } from '../../../db/database.js';
import type { Lang } from '../../http/lang.js';
import { ensureCoverageFresh } from '../../../data-loaders/lib/coverage/coverage-store.js';
import { toServicePoint, type ServicePointRow } from '../service-point-row.js';
import { sqlFile } from '../../../db/sql-file.js';

export const OGC_COLLECTIONS = ['service_points', 'population_units'] as const;
export type OgcCollectionId = (typeof OGC_COLLECTIONS)[number];

export interface OgcItemsParams {
  bbox: [number, number, number, number] | null;
  limit: number;
  offset: number;
  /** One feature by id instead of a page. */
  id?: string;
}

export interface OgcPage {
  numberMatched: number;
  features: Feature<Geometry | null, Record<string, unknown>>[];
}

interface UnitRow {
  id: string;
  kind: string;
  name: string;
  province: string | null;
  population: number | null;
  indicators: Record<string, unknown>;
  source: string;
  distance_m: number | null;
  nearest_point_id: string | null;
  geometry: string | null;
}

type Matched<T> = { number_matched: number } & { [K in keyof T]: T[K] | null };

/** One page (or one feature) of an OGC collection, as GeoJSON features. */
export async function ogcItems(
  db: Database,
  collection: OgcCollectionId,
  p: OgcItemsParams,
  lang: Lang,
): Promise<OgcPage> {
  const b = p.bbox;
  const params = [b?.[0] ?? null, b?.[1] ?? null, b?.[2] ?? null, b?.[3] ?? null, p.limit, p.offset, p.id ?? null];
  if (collection === 'service_points') {
    const r = await db.query<Matched<ServicePointRow>>(sqlFile('ogc_service_points_items'), params);
    const rows = r.rows.filter(
      (row): row is Matched<ServicePointRow> & { id: string } => row.id !== null,
    ) as unknown as ServicePointRow[];
    return {
      numberMatched: r.rows[0]?.number_matched ?? 0,
      features: rows.map((row) => {
        const { lon, lat, ...properties } = toServicePoint(row, lang);
        return {
          type: 'Feature',
          id: row.id,
          geometry: lon !== null && lat !== null ? { type: 'Point', coordinates: [lon, lat] } : null,
          properties,
        };
      }),
    };
  }
  await ensureCoverageFresh(db);
  const r = await db.query<Matched<UnitRow>>(sqlFile('ogc_population_units_items'), params);
  return {
    numberMatched: r.rows[0]?.number_matched ?? 0,
    features: r.rows
      .filter((row) => row.id !== null)
      .map((row) => ({
        type: 'Feature',
        id: row.id as string,
        geometry: row.geometry ? (JSON.parse(row.geometry) as Geometry) : null,
        properties: {
          kind: row.kind,
          name: row.name,
          province: row.province,
          population: row.population,
          indicators: row.indicators,
          source: row.source,
          nearest_distance_m: row.distance_m === null ? null : Math.round(row.distance_m * 10) / 10,
          nearest_point_id: row.nearest_point_id,
          distance_kind: 'straight_line',
        },
      })),
  };
}

/** The spatial extent of each collection (null when it is empty). */
export async function ogcExtents(db: Database): Promise<Map<OgcCollectionId, [number, number, number, number] | null>> {
  const r = await db.query<{
    collection: OgcCollectionId;
    min_lon: number | null;
    min_lat: number | null;
    max_lon: number | null;
    max_lat: number | null;
  }>(sqlFile('ogc_extents'));
  return new Map(
    r.rows.map((e) => [
      e.collection,
      e.min_lon === null || e.min_lat === null || e.max_lon === null || e.max_lat === null
        ? null
        : [e.min_lon, e.min_lat, e.max_lon, e.max_lat],
    ]),
  );
}
