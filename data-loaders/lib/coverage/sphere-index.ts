/**
 * The nearest of a fixed set of points on the sphere, for the coverage store's
 * national recompute: each population unit's nearest service point of a scope.
 *
 * Points are stored as unit vectors (x, y, z) in a static k-d tree laid out in
 * flat typed arrays (the layout kdbush uses in two dimensions). The straight-line
 * (chord) distance between two unit vectors grows with the great-circle angle
 * between them, so the nearest by chord is the nearest on the sphere, which is
 * what PostGIS measures with `ST_Distance(geography, geography, false)`. A search
 * allocates nothing; the metres themselves are computed by PostGIS afterwards.
 *
 * geokdbush and static-kdtree answer the same question but spend about 16 µs a
 * query on 10,000 points (a priority queue and trigonometry per tree node);
 * this spends about 1 µs.
 */

const RAD = Math.PI / 180;
/** Points per leaf: below this, a linear scan beats descending further. */
const LEAF = 8;

export class SphereIndex {
  /** x, y, z of each point, in tree order. */
  private readonly xyz: Float64Array;
  /** The caller's index of each point, in tree order. */
  private readonly ids: Uint32Array;
  private bestD = Infinity;
  private bestI = -1;
  private qx = 0;
  private qy = 0;
  private qz = 0;

  /** `lons[i]`, `lats[i]`: point i in degrees (WGS 84 longitude and latitude, read as on a sphere). */
  constructor(lons: ArrayLike<number>, lats: ArrayLike<number>) {
    const n = lons.length;
    if (lats.length !== n) throw new Error('SphereIndex: as many longitudes as latitudes');
    this.xyz = new Float64Array(n * 3);
    this.ids = new Uint32Array(n);
    for (let i = 0; i < n; i += 1) {
      const lon = lons[i]! * RAD;
      const lat = lats[i]! * RAD;
      const c = Math.cos(lat);
      this.xyz[3 * i] = c * Math.cos(lon);
      this.xyz[3 * i + 1] = c * Math.sin(lon);
      this.xyz[3 * i + 2] = Math.sin(lat);
      this.ids[i] = i;
    }
    this.build(0, n - 1, 0);
  }

  get size(): number {
    return this.ids.length;
  }

  /** The caller's index of the point nearest (lon, lat) in degrees; -1 when the index is empty. */
  nearest(lon: number, lat: number): number {
    const c = Math.cos(lat * RAD);
    this.qx = c * Math.cos(lon * RAD);
    this.qy = c * Math.sin(lon * RAD);
    this.qz = Math.sin(lat * RAD);
    this.bestD = Infinity;
    this.bestI = -1;
    if (this.ids.length > 0) this.search(0, this.ids.length - 1, 0);
    return this.bestI;
  }

  private search(left: number, right: number, axis: number): void {
    const xyz = this.xyz;
    if (right - left <= LEAF) {
      for (let i = left; i <= right; i += 1) this.consider(i);
      return;
    }
    const m = (left + right) >> 1;
    this.consider(m);
    const q = axis === 0 ? this.qx : axis === 1 ? this.qy : this.qz;
    const d = q - xyz[3 * m + axis]!;
    const next = axis === 2 ? 0 : axis + 1;
    if (d <= 0) {
      this.search(left, m - 1, next);
      if (d * d <= this.bestD) this.search(m + 1, right, next);
    } else {
      this.search(m + 1, right, next);
      if (d * d <= this.bestD) this.search(left, m - 1, next);
    }
  }

  private consider(i: number): void {
    const xyz = this.xyz;
    const dx = xyz[3 * i]! - this.qx;
    const dy = xyz[3 * i + 1]! - this.qy;
    const dz = xyz[3 * i + 2]! - this.qz;
    const d = dx * dx + dy * dy + dz * dz;
    // On a tie, the lower caller index wins, so the answer does not depend on the tree's shape.
    if (d < this.bestD || (d === this.bestD && this.ids[i]! < this.bestI)) {
      this.bestD = d;
      this.bestI = this.ids[i]!;
    }
  }

  /** Puts the median of [left, right] along `axis` at the middle, smaller before, larger after; then each half. */
  private build(left: number, right: number, axis: number): void {
    if (right - left <= LEAF) return;
    const m = (left + right) >> 1;
    this.select(m, left, right, axis);
    const next = axis === 2 ? 0 : axis + 1;
    this.build(left, m - 1, next);
    this.build(m + 1, right, next);
  }

  /** Quickselect (Hoare partition around the middle element) of the k-th smallest along `axis`. */
  private select(k: number, left: number, right: number, axis: number): void {
    const xyz = this.xyz;
    while (right > left) {
      const pivot = xyz[3 * ((left + right) >> 1) + axis]!;
      let i = left;
      let j = right;
      while (i <= j) {
        while (xyz[3 * i + axis]! < pivot) i += 1;
        while (xyz[3 * j + axis]! > pivot) j -= 1;
        if (i <= j) {
          this.swap(i, j);
          i += 1;
          j -= 1;
        }
      }
      if (k <= j) right = j;
      else if (k >= i) left = i;
      else return;
    }
  }

  private swap(i: number, j: number): void {
    const xyz = this.xyz;
    const ids = this.ids;
    const t = ids[i]!;
    ids[i] = ids[j]!;
    ids[j] = t;
    for (let a = 0; a < 3; a += 1) {
      const v = xyz[3 * i + a]!;
      xyz[3 * i + a] = xyz[3 * j + a]!;
      xyz[3 * j + a] = v;
    }
  }
}
