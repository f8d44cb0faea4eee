import { describe, expect, it } from 'vitest';
import type { ColocationPair, PairPoint } from '../../api/client.js';
import { groupByCommunity, groupPairs } from './colocation-summary.js';

const pt = (id: string, level: PairPoint['level'], precision: PairPoint['precision'], city = 'Toronto'): PairPoint => ({
  id,
  name: `Office ${id}`,
  level,
  jurisdiction_id: 'ca',
  categories: [],
  address: null,
  lon: -79.38,
  lat: 43.65,
  city,
  province: 'ON',
  precision,
});
/** A pair as the server sends it: measured only between two points at their address. */
const pair = (a: PairPoint, b: PairPoint, distance_m: number | null): ColocationPair => ({
  id: `${a.id}~${b.id}`,
  precision: distance_m === null ? 'same_community' : 'measured',
  a,
  b,
  distance_m,
  lon: (a.lon + b.lon) / 2,
  lat: (a.lat + b.lat) / 2,
});

describe('co-location findings', () => {
  it("folds one community's pairs into one line counting its distinct points by order", () => {
    const feds = ['f1', 'f2'].map((id) => pt(id, 'federal', 'community'));
    const provs = ['p1', 'p2', 'p3'].map((id) => pt(id, 'provincial', 'community'));
    const pairs = feds.flatMap((f) => provs.map((p) => pair(f, p, null)));
    pairs.push(pair(pt('f9', 'federal', 'community', 'Ottawa'), pt('p9', 'provincial', 'community', 'Ottawa'), null));
    const groups = groupByCommunity(pairs);
    expect(groups).toHaveLength(2);
    expect(groups[0]).toMatchObject({
      city: 'Toronto',
      province: 'ON',
      pairs: 6,
      levels: { federal: 2, provincial: 3 },
    });
    expect(groups[1]).toMatchObject({ city: 'Ottawa', pairs: 1 });
  });

  it('lists a busy measured point once, with its partner count and nearest distance', () => {
    const hub = pt('h', 'federal', 'source');
    const groups = groupPairs([
      pair(hub, pt('a', 'provincial', 'source'), 80),
      pair(hub, pt('b', 'municipal', 'source'), 30),
      pair(pt('c', 'federal', 'source'), pt('d', 'provincial', 'source'), 200),
    ]);
    expect(groups[0]).toMatchObject({ point: { id: 'h' }, partners: 2, nearest_m: 30 });
    expect(groups).toHaveLength(2);
  });
});
