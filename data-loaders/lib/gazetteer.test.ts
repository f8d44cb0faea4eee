import { describe, expect, it } from 'vitest';
import { Gazetteer } from './gazetteer.js';

function gazetteer() {
  const g = new Gazetteer();
  g.add({ kind: 'community', name: 'Montréal', province: 'QC', population: 1_700_000, lon: -73.56, lat: 45.5 });
  g.add({ kind: 'community', name: 'Calgary', province: 'AB', population: 1_200_000, lon: -114.07, lat: 51.05 });
  g.add({ kind: 'community', name: 'Windsor', province: 'ON', population: 217_000, lon: -83.0, lat: 42.3 });
  g.add({ kind: 'community', name: 'Windsor', province: 'NS', population: 3_600, lon: -64.13, lat: 44.99 });
  g.add({ kind: 'postal_code', name: 'E3B', province: 'NB', population: null, lon: -66.7, lat: 45.9 });
  return g;
}

describe('offline gazetteer', () => {
  it('matches names without accents or case, within the province', () => {
    expect(gazetteer().community('MONTREAL', 'QC')?.lon).toBe(-73.56);
    expect(gazetteer().community('Windsor', 'NS')?.lat).toBe(44.99);
    expect(gazetteer().community('Montreal', 'ON')).toBeUndefined();
  });
  it('finds the community in an office label', () => {
    expect(gazetteer().communityInLabel('Calgary Temple Crossing', 'AB')?.name).toBe('Calgary');
    expect(gazetteer().communityInLabel('Pointe-aux-Trembles (Montréal)', 'QC')?.name).toBe('Montréal');
  });
  it('locates a postal code by its FSA', () => {
    expect(gazetteer().postalCode('e3b 1a1')?.lat).toBe(45.9);
    expect(gazetteer().postalCode('K1A 0B1')).toBeUndefined();
  });
});
