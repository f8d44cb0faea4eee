import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Polygon, Position } from 'geojson';

/**
 * A point inside a polygon (the representative point of a census unit),
 * computed in Node: PGlite's PostGIS loses whole statements when GEOS meets
 * an invalid polygon (ST_PointOnSurface, ST_MakeValid return no rows at all
 * there), and these simplified census shapes are often invalid. Scans a few
 * horizontal lines across the largest part and takes the middle of the widest
 * inside span.
 */
export function pointOnSurface(geometry: Polygon | MultiPolygon): [number, number] | null {
  const polygons: Position[][][] = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let best: { rings: Position[][]; area: number } | null = null;
  for (const rings of polygons) {
    const outer = rings[0];
    if (!outer || outer.length < 4) continue;
    let area = 0;
    for (let i = 1; i < outer.length; i += 1)
      area += (outer[i - 1]![0] ?? 0) * (outer[i]![1] ?? 0) - (outer[i]![0] ?? 0) * (outer[i - 1]![1] ?? 0);
    if (!best || Math.abs(area) > best.area) best = { rings, area: Math.abs(area) };
  }
  if (!best) return null;
  const outer = best.rings[0]!;
  let minY = Infinity,
    maxY = -Infinity;
  for (const [, y] of outer) {
    if (y === undefined) continue;
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  let answer: { x: number; y: number; width: number } | null = null;
  for (const f of [0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9]) {
    const y = minY + (maxY - minY) * f + (maxY - minY) * 1e-7;
    const xs: number[] = [];
    for (const ring of best.rings) {
      for (let i = 1; i < ring.length; i += 1) {
        const [x0, y0] = ring[i - 1]! as [number, number];
        const [x1, y1] = ring[i]! as [number, number];
        if (y0 > y !== y1 > y) xs.push(x0 + ((y - y0) * (x1 - x0)) / (y1 - y0));
      }
    }
    xs.sort((a, b) => a - b);
    for (let i = 0; i + 1 < xs.length; i += 2) {
      const width = xs[i + 1]! - xs[i]!;
      if (!answer || width > answer.width) answer = { x: (xs[i]! + xs[i + 1]!) / 2, y, width };
    }
    if (answer && booleanPointInPolygon([answer.x, answer.y], { type: 'Polygon', coordinates: best.rings }))
      return [answer.x, answer.y];
    answer = null;
  }
  const first = outer[0]!;
  return [first[0] ?? 0, first[1] ?? 0];
}
