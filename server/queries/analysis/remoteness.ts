/**
 * An index of remoteness per population unit, after Statistics Canada's
 * method (Alasia et al. 2017): a gravity measure of access to population
 * centres, A_i = Σ_j P_j / d_ij over the centres j within a distance bound,
 * normalised to [0, 1] with 1 the most remote. Distances here are straight
 * lines on the sphere, not the travel costs of the published index, so the
 * values are indicative only (docs/coverage.md gives the formula and its
 * differences from the published index).
 */

/** Mean Earth radius, metres: the sphere every straight-line distance of the product is measured on. */
export const EARTH_RADIUS_M = 6371008.8;

export interface RemotenessUnit {
  id: string;
  lon: number;
  lat: number;
  population: number | null;
}

export interface RemotenessOptions {
  /** A unit with at least this population is a population centre (the census's minimum for a population centre). */
  centreMinPopulation: number;
  /** Only centres within this straight-line distance count, km. */
  boundKm: number;
  /** Distances below this count as this, km (a unit's own centre, or one next door, is not infinitely close). */
  minDistanceKm: number;
}

export const DEFAULT_REMOTENESS: RemotenessOptions = { centreMinPopulation: 1000, boundKm: 500, minDistanceKm: 1 };

export interface Remoteness {
  /** Σ P_j / d_ij (people per km). */
  accessibility: number;
  /** Centres within the bound. */
  centres: number;
  /** 0 (least remote of the units) to 1 (most remote; also any unit with no centre within the bound). */
  index: number;
}

/** Great-circle distance, km, on the product's sphere. */
export function greatCircleKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const r = Math.PI / 180;
  const dLat = (lat2 - lat1) * r;
  const dLon = (lon2 - lon1) * r;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(dLon / 2) ** 2;
  return (2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))) / 1000;
}

/**
 * The index for every unit: IR_i = 1 − (ln A_i − min ln A) / (max ln A − min ln A),
 * the minimum and maximum taken over the units with A > 0; a unit with no
 * centre within the bound (A = 0) has IR = 1.
 */
export function remotenessIndex(
  units: readonly RemotenessUnit[],
  options: Partial<RemotenessOptions> = {},
): Map<string, Remoteness> {
  const o = { ...DEFAULT_REMOTENESS, ...options };
  const centres = units.filter((u) => (u.population ?? 0) >= o.centreMinPopulation);
  const access = new Map<string, { a: number; n: number }>();
  // A latitude band prefilter keeps this a few million distance computations for the whole country.
  const bandDeg = (o.boundKm / ((Math.PI * EARTH_RADIUS_M) / 1000)) * 180;
  for (const u of units) {
    let a = 0;
    let n = 0;
    for (const c of centres) {
      if (Math.abs(c.lat - u.lat) > bandDeg) continue;
      const d = greatCircleKm(u.lon, u.lat, c.lon, c.lat);
      if (d > o.boundKm) continue;
      a += (c.population ?? 0) / Math.max(d, o.minDistanceKm);
      n += 1;
    }
    access.set(u.id, { a, n });
  }
  const logs = [...access.values()].filter((x) => x.a > 0).map((x) => Math.log(x.a));
  const min = logs.length > 0 ? Math.min(...logs) : 0;
  const max = logs.length > 0 ? Math.max(...logs) : 0;
  const out = new Map<string, Remoteness>();
  for (const [id, { a, n }] of access) {
    const index = a <= 0 ? 1 : max === min ? 0 : 1 - (Math.log(a) - min) / (max - min);
    out.set(id, { accessibility: a, centres: n, index });
  }
  return out;
}
