import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

/**
 * The province polygons shipped with the client (Natural Earth 1:10m admin-1,
 * public domain, simplified). Their coastlines are coarse, so a point a few
 * kilometres off a simplified shore (a harbour office in Halifax, a ferry
 * terminal) is still taken as in Canada: see TOLERANCE_KM.
 */
const PROVINCES_FILE = fileURLToPath(new URL('../../client/public/provinces.geojson', import.meta.url));
const TOLERANCE_KM = 25;

interface ProvinceShape {
  code: string;
  feature: Feature<Polygon | MultiPolygon>;
  bbox: [number, number, number, number];
  rings: Position[][];
}

let shapes: ProvinceShape[] | null = null;

function load(): ProvinceShape[] {
  if (shapes) return shapes;
  const fc = JSON.parse(fs.readFileSync(PROVINCES_FILE, 'utf8')) as FeatureCollection<Polygon | MultiPolygon, { code: string }>;
  shapes = fc.features.map((feature) => {
    const rings = feature.geometry.type === 'Polygon' ? feature.geometry.coordinates : feature.geometry.coordinates.flat();
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const ring of rings) {
      for (const [x, y] of ring) {
        if (x === undefined || y === undefined) continue;
        minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
      }
    }
    return { code: feature.properties.code, feature, bbox: [minX, minY, maxX, maxY], rings };
  });
  return shapes;
}

/** Distance in km from a point to a segment, on a local equirectangular plane (fine below ~100 km). */
function segmentKm(lon: number, lat: number, a: Position, b: Position): number {
  const k = Math.cos((lat * Math.PI) / 180) * 111.32;
  const ax = ((a[0] ?? 0) - lon) * k, ay = ((a[1] ?? 0) - lat) * 110.57;
  const bx = ((b[0] ?? 0) - lon) * k, by = ((b[1] ?? 0) - lat) * 110.57;
  const dx = bx - ax, dy = by - ay;
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len));
  return Math.hypot(ax + t * dx, ay + t * dy);
}

/** The province or territory whose polygon holds the point, or lies within the coastline tolerance of it. */
export function provinceAt(lon: number, lat: number): string | null {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return null;
  // Canada's extremes with margin: everything outside is abroad, cheaply.
  if (lat < 41 || lat > 84 || lon < -142 || lon > -52) return null;
  const all = load();
  for (const s of all) {
    const [x0, y0, x1, y1] = s.bbox;
    if (lon < x0 || lon > x1 || lat < y0 || lat > y1) continue;
    if (booleanPointInPolygon([lon, lat], s.feature)) return s.code;
  }
  const marginLat = TOLERANCE_KM / 110;
  const marginLon = TOLERANCE_KM / (111 * Math.cos((lat * Math.PI) / 180));
  let best: { code: string; km: number } | null = null;
  for (const s of all) {
    const [x0, y0, x1, y1] = s.bbox;
    if (lon < x0 - marginLon || lon > x1 + marginLon || lat < y0 - marginLat || lat > y1 + marginLat) continue;
    for (const ring of s.rings) {
      for (let i = 1; i < ring.length; i += 1) {
        const a = ring[i - 1]!, b = ring[i]!;
        // Skip segments far from the point before measuring.
        if (Math.min(a[1] ?? 0, b[1] ?? 0) > lat + marginLat || Math.max(a[1] ?? 0, b[1] ?? 0) < lat - marginLat) continue;
        if (Math.min(a[0] ?? 0, b[0] ?? 0) > lon + marginLon || Math.max(a[0] ?? 0, b[0] ?? 0) < lon - marginLon) continue;
        const km = segmentKm(lon, lat, a, b);
        if (km <= TOLERANCE_KM && (!best || km < best.km)) best = { code: s.code, km };
      }
    }
  }
  return best?.code ?? null;
}

export function isInCanada(lon: number, lat: number): boolean {
  return provinceAt(lon, lat) !== null;
}
