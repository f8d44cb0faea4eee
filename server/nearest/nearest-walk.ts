import type KDBush from 'kdbush';

const EARTH_RADIUS_KM = 6371;
const RAD = Math.PI / 180;

function haverSin(theta: number): number {
  const s = Math.sin(theta / 2);
  return s * s;
}

function haverSinDistPartial(haverSinDLng: number, cosLat1: number, lat1: number, lat2: number): number {
  return cosLat1 * Math.cos(lat2 * RAD) * haverSinDLng + haverSin((lat1 - lat2) * RAD);
}

function haverSinDist(lng1: number, lat1: number, lng2: number, lat2: number, cosLat1: number): number {
  return haverSinDistPartial(haverSin((lng1 - lng2) * RAD), cosLat1, lat1, lat2);
}

function vertexLat(lat: number, haverSinDLng: number): number {
  const cosDLng = 1 - 2 * haverSinDLng;
  if (cosDLng <= 0) return lat > 0 ? 90 : -90;
  return Math.atan(Math.tan(lat * RAD) / cosDLng) / RAD;
}

function boxDist(
  lng: number,
  lat: number,
  cosLat: number,
  minLng: number,
  minLat: number,
  maxLng: number,
  maxLat: number,
): number {
  if (lng >= minLng && lng <= maxLng) {
    if (lat < minLat) return haverSin((lat - minLat) * RAD);
    if (lat > maxLat) return haverSin((lat - maxLat) * RAD);
    return 0;
  }
  const haverSinDLng = Math.min(haverSin((lng - minLng) * RAD), haverSin((lng - maxLng) * RAD));
  const extremumLat = vertexLat(lat, haverSinDLng);
  if (extremumLat > minLat && extremumLat < maxLat) return haverSinDistPartial(haverSinDLng, cosLat, lat, extremumLat);
  return Math.min(
    haverSinDistPartial(haverSinDLng, cosLat, lat, minLat),
    haverSinDistPartial(haverSinDLng, cosLat, lat, maxLat),
  );
}

/**
 * The k nearest points of a KDBush tree on the sphere, as geokdbush 2.1's
 * `around` finds them (the same arithmetic, the same priority queue, pushed
 * and popped in the same order, so ties come out alike), without an object
 * per tree node or candidate: the queue and the nodes live in typed arrays
 * kept from one search to the next. One walk at a time (searches are
 * synchronous); not reentrant from its own predicate.
 */
export class NearestWalk {
  // The queue: a binary heap of distances; each entry a point id (>= 0) or a node (-1 - node slot).
  private dist = new Float64Array(512);
  private ref = new Int32Array(512);
  private length = 0;
  // Tree nodes met by the walk: index range, split axis and bounding box.
  private left = new Int32Array(256);
  private right = new Int32Array(256);
  private axis = new Uint8Array(256);
  private box = new Float64Array(256 * 4);
  private nodes = 0;

  /**
   * Writes into `out` the ids of at most `maxResults` points, nearest first,
   * within `maxDistanceKm` (on a 6,371 km sphere) that pass `predicate`;
   * returns `out`.
   */
  around(
    index: KDBush,
    lng: number,
    lat: number,
    maxResults: number,
    maxDistanceKm: number | undefined,
    predicate: (id: number) => boolean,
    out: number[] = [],
  ): number[] {
    out.length = 0;
    this.length = 0;
    this.nodes = 0;
    const maxHaverSinDist = maxDistanceKm === undefined ? 1 : haverSin(maxDistanceKm / EARTH_RADIUS_KM);
    const { ids, coords, nodeSize } = index;
    const cosLat = Math.cos(lat * RAD);
    let node = this.node(0, ids.length - 1, 0, -180, -90, 180, 90);
    while (node >= 0) {
      const l = this.left[node]!;
      const r = this.right[node]!;
      if (r - l <= nodeSize) {
        for (let i = l; i <= r; i += 1) {
          const id = ids[i]!;
          if (predicate(id)) this.push(haverSinDist(lng, lat, coords[2 * i]!, coords[2 * i + 1]!, cosLat), id);
        }
      } else {
        const m = (l + r) >> 1;
        const midLng = coords[2 * m]!;
        const midLat = coords[2 * m + 1]!;
        const id = ids[m]!;
        if (predicate(id)) this.push(haverSinDist(lng, lat, midLng, midLat, cosLat), id);
        const a = this.axis[node]!;
        const next = (a + 1) % 2;
        const b = node * 4;
        const minLng = this.box[b]!;
        const minLat = this.box[b + 1]!;
        const maxLng = this.box[b + 2]!;
        const maxLat = this.box[b + 3]!;
        const lo = this.node(l, m - 1, next, minLng, minLat, a === 0 ? midLng : maxLng, a === 1 ? midLat : maxLat);
        const hi = this.node(m + 1, r, next, a === 0 ? midLng : minLng, a === 1 ? midLat : minLat, maxLng, maxLat);
        this.push(this.nodeDist(lo, lng, lat, cosLat), -1 - lo);
        this.push(this.nodeDist(hi, lng, lat, cosLat), -1 - hi);
      }
      node = -1;
      while (this.length > 0) {
        const d = this.dist[0]!;
        const item = this.pop();
        if (item < 0) {
          node = -1 - item;
          break;
        }
        if (d > maxHaverSinDist) return out;
        out.push(item);
        if (out.length === maxResults) return out;
      }
    }
    return out;
  }

  private node(l: number, r: number, axis: number, minLng: number, minLat: number, maxLng: number, maxLat: number) {
    const n = this.nodes;
    if (n === this.left.length) {
      this.left = grow(this.left, new Int32Array(n * 2));
      this.right = grow(this.right, new Int32Array(n * 2));
      this.axis = grow(this.axis, new Uint8Array(n * 2));
      this.box = grow(this.box, new Float64Array(n * 8));
    }
    this.nodes = n + 1;
    this.left[n] = l;
    this.right[n] = r;
    this.axis[n] = axis;
    const b = n * 4;
    this.box[b] = minLng;
    this.box[b + 1] = minLat;
    this.box[b + 2] = maxLng;
    this.box[b + 3] = maxLat;
    return n;
  }

  private nodeDist(n: number, lng: number, lat: number, cosLat: number): number {
    const b = n * 4;
    return boxDist(lng, lat, cosLat, this.box[b]!, this.box[b + 1]!, this.box[b + 2]!, this.box[b + 3]!);
  }

  /** TinyQueue's push (sift up while strictly smaller). */
  private push(d: number, item: number): void {
    if (this.length === this.dist.length) {
      this.dist = grow(this.dist, new Float64Array(this.length * 2));
      this.ref = grow(this.ref, new Int32Array(this.length * 2));
    }
    const { dist, ref } = this;
    let pos = this.length;
    this.length += 1;
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      if (d - dist[parent]! >= 0) break;
      dist[pos] = dist[parent]!;
      ref[pos] = ref[parent]!;
      pos = parent;
    }
    dist[pos] = d;
    ref[pos] = item;
  }

  /** TinyQueue's pop (the last entry moves to the top and sifts down). */
  private pop(): number {
    const { dist, ref } = this;
    const top = ref[0]!;
    this.length -= 1;
    const length = this.length;
    if (length > 0) {
      const d = dist[length]!;
      const item = ref[length]!;
      const half = length >> 1;
      let pos = 0;
      while (pos < half) {
        let best = (pos << 1) + 1;
        const right = best + 1;
        if (right < length && dist[right]! - dist[best]! < 0) best = right;
        if (dist[best]! - d >= 0) break;
        dist[pos] = dist[best]!;
        ref[pos] = ref[best]!;
        pos = best;
      }
      dist[pos] = d;
      ref[pos] = item;
    }
    return top;
  }
}

function grow<T extends Float64Array | Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
