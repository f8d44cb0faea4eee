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
const PROVINCES_FILE = fileURLToPath(new URL('../data/provinces.geojson', import.meta.url));
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
  const fc = JSON.parse(fs.readFileSync(PROVINCES_FILE, 'utf8')) as FeatureCollection<
    Polygon | MultiPolygon,
    { code: string }
  >;
  shapes = fc.features.map((feature) => {
    const rings =
      feature.geometry.type === 'Polygon' ? feature.geometry.coordinates : feature.geometry.coordinates.flat();
    let minX = Infinity,
      minY = Infinity,
      maxX = -Infinity,
      maxY = -Infinity;
    for (const ring of rings) {
      for (const [x, y] of ring) {
        if (x === undefined || y === undefined) continue;
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
    }
    return { code: feature.properties.code, feature, bbox: [minX, minY, maxX, maxY], rings };
  });
  return shapes;
}

/** Distance in km from a point to a segment, on a local equirectangular plane (fine below ~100 km). */
function segmentKm(lon: number, lat: number, a: Position, b: Position): number {
  const k = Math.cos((lat * Math.PI) / 180) * 111.32;
  const ax = ((a[0] ?? 0) - lon) * k,
    ay = ((a[1] ?? 0) - lat) * 110.57;
  const bx = ((b[0] ?? 0) - lon) * k,
    by = ((b[1] ?? 0) - lat) * 110.57;
  const dx = bx - ax,
    dy = by - ay;
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len));
  return Math.hypot(ax + t * dx, ay + t * dy);
}

/**
 * A grid prefilter in front of the polygon tests (among the costliest steps
 * of a row's validation: every row with coordinates takes at least one). A cell that no polygon edge touches lies
 * wholly inside or wholly outside each polygon, so the exact answer at its
 * centre is the exact answer for every point in it; only cells an edge
 * crosses, or that no polygon holds (the coastline tolerance varies within
 * them), go through the full test. One byte per 0.1-degree cell over the box
 * below: 0 not yet known, 255 full test, else 1 + the index of the province.
 */
const GRID = { lon0: -142, lat0: 41, step: 0.1, cols: 900, rows: 430 };
let grid: Uint8Array | null = null;
/** Also the most provinces a byte can name (there are 13). */
const FULL_TEST = 255;

/** Whether the segment a-b touches the closed box (separating-axis test, with a hair of margin for rounding). */
function segmentTouchesBox(a: Position, b: Position, x0: number, y0: number, x1: number, y1: number): boolean {
  const ax = a[0] ?? 0,
    ay = a[1] ?? 0,
    bx = b[0] ?? 0,
    by = b[1] ?? 0;
  if (Math.max(ax, bx) < x0 || Math.min(ax, bx) > x1 || Math.max(ay, by) < y0 || Math.min(ay, by) > y1) return false;
  const dx = bx - ax,
    dy = by - ay;
  const side = (x: number, y: number) => dx * (y - ay) - dy * (x - ax);
  const s = [side(x0, y0), side(x1, y0), side(x0, y1), side(x1, y1)];
  return !(s.every((v) => v > 1e-12) || s.every((v) => v < -1e-12));
}

function cellState(all: ProvinceShape[], col: number, row: number): number {
  const margin = 1e-9;
  const x0 = GRID.lon0 + col * GRID.step - margin,
    x1 = GRID.lon0 + (col + 1) * GRID.step + margin;
  const y0 = GRID.lat0 + row * GRID.step - margin,
    y1 = GRID.lat0 + (row + 1) * GRID.step + margin;
  for (const s of all) {
    const [bx0, by0, bx1, by1] = s.bbox;
    if (x1 < bx0 || x0 > bx1 || y1 < by0 || y0 > by1) continue;
    for (const ring of s.rings) {
      for (let i = 1; i < ring.length; i += 1)
        if (segmentTouchesBox(ring[i - 1]!, ring[i]!, x0, y0, x1, y1)) return FULL_TEST;
    }
  }
  const index = insideIndex(all, (x0 + x1) / 2, (y0 + y1) / 2);
  return index === -1 ? FULL_TEST : index + 1;
}

/** The index of the first province whose polygon holds the point, else -1. */
function insideIndex(all: ProvinceShape[], lon: number, lat: number): number {
  for (let i = 0; i < all.length; i += 1) {
    const s = all[i]!;
    const [x0, y0, x1, y1] = s.bbox;
    if (lon < x0 || lon > x1 || lat < y0 || lat > y1) continue;
    if (booleanPointInPolygon([lon, lat], s.feature)) return i;
  }
  return -1;
}

/** The province or territory whose polygon holds the point, or lies within the coastline tolerance of it. */
export function provinceAt(lon: number, lat: number): string | null {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return null;
  // Canada's extremes with margin: everything outside is abroad, cheaply.
  if (lat < 41 || lat > 84 || lon < -142 || lon > -52) return null;
  const all = load();
  const col = Math.min(GRID.cols - 1, Math.floor((lon - GRID.lon0) / GRID.step));
  const row = Math.min(GRID.rows - 1, Math.floor((lat - GRID.lat0) / GRID.step));
  grid ??= new Uint8Array(GRID.cols * GRID.rows);
  const cell = row * GRID.cols + col;
  if (grid[cell] === 0) grid[cell] = cellState(all, col, row);
  const state = grid[cell]!;
  if (state !== FULL_TEST) return all[state - 1]!.code;
  const inside = insideIndex(all, lon, lat);
  if (inside !== -1) return all[inside]!.code;
  const marginLat = TOLERANCE_KM / 110;
  const marginLon = TOLERANCE_KM / (111 * Math.cos((lat * Math.PI) / 180));
  let best: { code: string; km: number } | null = null;
  for (const s of all) {
    const [x0, y0, x1, y1] = s.bbox;
    if (lon < x0 - marginLon || lon > x1 + marginLon || lat < y0 - marginLat || lat > y1 + marginLat) continue;
    for (const ring of s.rings) {
      for (let i = 1; i < ring.length; i += 1) {
        const a = ring[i - 1]!,
          b = ring[i]!;
        // Skip segments far from the point before measuring.
        if (Math.min(a[1] ?? 0, b[1] ?? 0) > lat + marginLat || Math.max(a[1] ?? 0, b[1] ?? 0) < lat - marginLat)
          continue;
        if (Math.min(a[0] ?? 0, b[0] ?? 0) > lon + marginLon || Math.max(a[0] ?? 0, b[0] ?? 0) < lon - marginLon)
          continue;
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
