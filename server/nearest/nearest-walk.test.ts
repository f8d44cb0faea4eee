import KDBush from 'kdbush';
import { around } from 'geokdbush';
import { describe, expect, it } from 'vitest';
import { NearestWalk } from './nearest-walk.js';

/** A seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the allocation-light nearest walk', () => {
  it('finds exactly what geokdbush finds, in the same order, ties and duplicates included', () => {
    const r = random(7);
    // Southern Canada, with many points sharing a building (the same coordinates) and a few on the whole globe.
    const points: [number, number][] = [];
    for (let i = 0; i < 20_000; i += 1) {
      if (i > 0 && r() < 0.2) points.push(points[Math.floor(r() * points.length)]!);
      else if (r() < 0.02) points.push([-180 + r() * 360, -90 + r() * 180]);
      else points.push([-125 + r() * 65, 43 + r() * 12]);
    }
    for (const nodeSize of [4, 64]) {
      const tree = new KDBush(points.length, nodeSize);
      for (const [lon, lat] of points) tree.add(lon, lat);
      tree.finish();
      const walk = new NearestWalk();
      const out: number[] = [];
      for (let k = 0; k < 400; k += 1) {
        // Query points on the data, near it, and far from it (over the pole, across the antimeridian).
        const on = k % 3 === 0 ? points[Math.floor(r() * points.length)]! : null;
        const lon = on ? on[0] : -180 + r() * 360;
        const lat = on ? on[1] : -90 + r() * 180;
        const limit = 1 + Math.floor(r() * 60);
        const radius = r() < 0.3 ? r() * 800 : undefined;
        const keep = r() < 0.4 ? (id: number) => id % 7 !== 3 : () => true;
        const expected = around(tree, lon, lat, limit, radius, keep);
        expect(
          walk.around(tree, lon, lat, limit, radius, keep, out),
          JSON.stringify({ lon, lat, limit, radius }),
        ).toEqual(expected);
      }
    }
  });
});
