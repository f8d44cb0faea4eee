import { levelsIn } from '../../map/levels.js';
import { CANDIDATES, type BreakdownBy, type Candidates, type LayerParams } from '../../api/client.js';
import { listParam } from '../../routing/use-url-state.js';

/** The service points themselves: drawn by the client from the finder's tiles, under or over the server's layers. */
export const SERVICE_POINTS = 'service_points';

/** What an analyst sees first: distance to service over the service points. */
export const DEFAULT_LAYERS = ['distance_to_service', SERVICE_POINTS];

/** Rows per page of a layer's table. */
export const TABLE_PAGE = 25;

export interface MapPosition {
  lon: number;
  lat: number;
  zoom: number;
}

/** The whole state of the atlas, read from the URL so any view of it is a link. */
export interface AtlasState {
  params: LayerParams;
  /** Layer ids switched on, in the URL's order. */
  layers: string[];
  at: MapPosition | null;
  /** The layer whose table is open. */
  table: string | null;
  sort: string | null;
  order: 'asc' | 'desc';
  page: number;
  /** How the coverage breakdown is grouped. */
  breakdown: BreakdownBy;
}

const ID = /^[a-z][a-z0-9_]{0,63}$/;

/** `at=lon,lat,zoom`; anything out of range is ignored, never thrown. */
export function parsePosition(text: string | null): MapPosition | null {
  if (!text) return null;
  const [lon, lat, zoom] = text.split(',').map(Number);
  if (lon === undefined || lat === undefined || zoom === undefined) return null;
  if (![lon, lat, zoom].every(Number.isFinite)) return null;
  if (Math.abs(lon) > 180 || Math.abs(lat) > 85 || zoom < 0 || zoom > 22) return null;
  return { lon, lat, zoom };
}

export function formatPosition(p: MapPosition): string {
  return `${p.lon.toFixed(4)},${p.lat.toFixed(4)},${p.zoom.toFixed(2)}`;
}

function inRange(text: string | null, min: number, max: number, fallback: number): number {
  const n = Number(text ?? fallback);
  return Number.isFinite(n) && n >= min && n <= max ? n : fallback;
}

/** The filters and controls as URL changes (defaults left out, so links stay short). */
export function paramsToQuery(p: LayerParams): Record<string, string | null> {
  return {
    threshold_km: String(p.threshold_km),
    level: p.level?.join(',') || null,
    jurisdiction: p.jurisdiction?.join(',') || null,
    category: p.category?.join(',') || null,
    province: p.province?.join(',') || null,
    max_m: p.max_m === undefined || p.max_m === 500 ? null : String(p.max_m),
    k: p.k === undefined || p.k === 5 ? null : String(p.k),
    candidates: p.candidates && p.candidates !== 'places' ? p.candidates : null,
    // A new question starts the table at its first page.
    page: null,
  };
}

export function readAtlasState(q: URLSearchParams): AtlasState {
  const km = Number(q.get('threshold_km') ?? 50);
  const layersText = q.get('layers');
  const layers =
    layersText === null
      ? DEFAULT_LAYERS
      : layersText === 'none'
        ? []
        : listParam(q, 'layers').filter((l) => ID.test(l));
  const table = q.get('table');
  const sort = q.get('sort');
  const page = Number(q.get('page') ?? 1);
  return {
    params: {
      threshold_km: Number.isFinite(km) && km > 0 && km <= 1000 ? km : 50,
      level: levelsIn(listParam(q, 'level')),
      jurisdiction: listParam(q, 'jurisdiction'),
      category: listParam(q, 'category'),
      province: listParam(q, 'province'),
      max_m: inRange(q.get('max_m'), 1, 5000, 500),
      k: Math.round(inRange(q.get('k'), 1, 50, 5)),
      candidates: (CANDIDATES as readonly string[]).includes(q.get('candidates') ?? '')
        ? (q.get('candidates') as Candidates)
        : 'places',
    },
    layers: [...new Set(layers)],
    at: parsePosition(q.get('at')),
    table: table && ID.test(table) ? table : null,
    sort: sort && ID.test(sort) ? sort : null,
    order: q.get('order') === 'desc' ? 'desc' : 'asc',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    breakdown:
      q.get('breakdown') === 'level' || q.get('breakdown') === 'category'
        ? (q.get('breakdown') as BreakdownBy)
        : 'jurisdiction',
  };
}

/** The URL changes that switch one layer on or off (an empty list is written `none`, so it differs from the default). */
export function toggleLayer(layers: string[], id: string, on: boolean): Record<string, string> {
  const next = on ? [...layers.filter((l) => l !== id), id] : layers.filter((l) => l !== id);
  return { layers: next.join(',') || 'none' };
}
