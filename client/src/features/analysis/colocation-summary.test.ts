import { describe, expect, it } from 'vitest';
import type { ColocationPair, PairPoint } from '../../api/client.js';
import { groupByCommunity, groupPairs, pairPrecision } from './colocation-summary.js';

const pt = (id: string, level: string, precision: string, city = 'Toronto'): PairPoint => ({
  id,
  name: `Office ${id}`,
  level: level as PairPoint['level'],
  lon: -79.38,
  lat: 43.65,
  city,
  province: 'ON',
  precision,
});
const pair = (a: PairPoint, b: PairPoint, distance_m: number | null): ColocationPair => ({ a, b, distance_m });

describe('co-location findings', () => {
  it('never measures a pair where one end sits at a community centre, whatever distance it comes with', () => {
    expect(pairPrecision(pair(pt('1', 'federal', 'source'), pt('2', 'provincial', 'community'), 0))).toBe(
      'same_community',
    );
    expect(pairPrecision(pair(pt('1', 'federal', 'source'), pt('2', 'provincial', 'postal_code'), 12))).toBe(
      'same_community',
    );
    expect(pairPrecision(pair(pt('1', 'federal', 'source'), pt('2', 'provincial', 'address'), 120))).toBe('measured');
    expect(
      pairPrecision({
        ...pair(pt('1', 'federal', 'source'), pt('2', 'provincial', 'source'), 120),
        precision: 'same_community',
      }),
    ).toBe('same_community');
  });

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
