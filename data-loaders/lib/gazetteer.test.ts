import { describe, expect, it } from 'vitest';
import { addressKey, civicAddress, streetKey } from './address-key.js';
import { Gazetteer, labelNames, type PlaceLike } from './gazetteer.js';
import { PLACE_ALIASES } from './place-aliases.js';
import { placeKey } from './place-key.js';

const PLACES: PlaceLike[] = [
  {
    kind: 'community',
    name: 'Montréal',
    province: 'QC',
    population: 1_700_000,
    lon: -73.56,
    lat: 45.5,
    precedence: 40,
    source: 'a',
  },
  {
    kind: 'community',
    name: 'Calgary',
    province: 'AB',
    population: 1_200_000,
    lon: -114.07,
    lat: 51.05,
    precedence: 40,
    source: 'a',
  },
  {
    kind: 'community',
    name: 'Edmonton',
    province: 'AB',
    population: 1_000_000,
    lon: -113.5,
    lat: 53.55,
    precedence: 40,
    source: 'a',
  },
  {
    kind: 'community',
    name: 'Windsor',
    province: 'ON',
    population: 217_000,
    lon: -83.0,
    lat: 42.3,
    precedence: 40,
    source: 'a',
  },
  {
    kind: 'community',
    name: 'Windsor',
    province: 'NS',
    population: 3_600,
    lon: -64.13,
    lat: 44.99,
    precedence: 40,
    source: 'a',
  },
  {
    kind: 'community',
    name: 'Quinte West',
    province: 'ON',
    population: 46_560,
    lon: -77.57,
    lat: 44.1,
    precedence: 20,
    source: 'csd',
  },
  {
    kind: 'community',
    name: 'Scarborough',
    province: 'ON',
    population: 600_000,
    lon: -79.23,
    lat: 43.77,
    precedence: 30,
    source: 'b',
  },
  {
    kind: 'community',
    name: 'Toronto',
    province: 'ON',
    population: 2_700_000,
    lon: -79.38,
    lat: 43.65,
    precedence: 40,
    source: 'a',
  },
  {
    kind: 'community',
    name: 'St. Stephen',
    province: 'NB',
    population: 4_500,
    lon: -67.27,
    lat: 45.19,
    precedence: 40,
    source: 'a',
  },
  {
    kind: 'community',
    name: 'Baie-Saint-Paul',
    province: 'QC',
    population: 7_000,
    lon: -70.5,
    lat: 47.44,
    precedence: 40,
    source: 'a',
  },
  {
    kind: 'community',
    name: 'Sacré-Cœur',
    province: 'QC',
    population: 1_700,
    lon: -69.8,
    lat: 48.23,
    precedence: 20,
    source: 'csd',
  },
  {
    kind: 'community',
    name: "Łutselk'e",
    province: 'NT',
    population: 300,
    lon: -110.74,
    lat: 62.4,
    precedence: 20,
    source: 'csd',
  },
  {
    kind: 'community',
    name: 'Gatineau',
    province: 'QC',
    population: 290_000,
    lon: -75.7,
    lat: 45.48,
    precedence: 40,
    source: 'a',
  },
  {
    kind: 'postal_code',
    name: 'E3B',
    province: 'NB',
    population: null,
    lon: -66.7,
    lat: 45.9,
    precedence: 40,
    source: 'fsa-2021',
  },
  {
    kind: 'postal_code',
    name: 'E3B',
    province: 'NB',
    population: null,
    lon: -66.0,
    lat: 46.0,
    precedence: 30,
    source: 'fsa-old',
  },
];

function gazetteer(order: PlaceLike[] = PLACES) {
  const g = new Gazetteer();
  for (const p of order) g.add(p);
  return g;
}

describe('offline gazetteer', () => {
  it('matches names without accents or case, within the province', () => {
    expect(gazetteer().community('MONTREAL', 'QC')?.lon).toBe(-73.56);
    expect(gazetteer().community('Windsor', 'NS')?.lat).toBe(44.99);
    expect(gazetteer().community('Montreal', 'ON')).toBeUndefined();
  });
  it('reads names the way people write them: St./Ste., accents, ligatures, barred letters', () => {
    expect(gazetteer().community('Saint Stephen', 'NB')?.name).toBe('St. Stephen');
    expect(gazetteer().community('Baie St- Paul', 'QC')?.name).toBe('Baie-Saint-Paul');
    expect(gazetteer().community('Sacré-Coeur', 'QC')?.name).toBe('Sacré-Cœur');
    expect(gazetteer().community("Lutselk'e", 'NT')?.name).toBe("Łutselk'e");
    expect(placeKey('Ste-Foy')).toBe('sainte foy');
  });
  it('finds the community in an office label', () => {
    const g = gazetteer();
    expect(g.communityInLabel('Calgary Temple Crossing', 'AB')?.name).toBe('Calgary');
    expect(g.communityInLabel('Edmonton Canada Place', 'AB')?.name).toBe('Edmonton');
    expect(g.communityInLabel('Pointe-aux-Trembles (Montréal)', 'QC')?.name).toBe('Montréal');
    expect(g.communityInLabel('Verdun (Montréal)', 'QC')?.name).toBe('Montréal');
    expect(g.communityInLabel('Scarborough Service Canada Centre - Passport Services', 'ON')?.name).toBe('Scarborough');
    expect(g.communityInLabel('Gatineau-Hull', 'QC')?.name).toBe('Gatineau');
    expect(g.communityInLabel('Toronto - North York', 'ON')?.name).toBe('Toronto');
    // An official name is a place as a whole or nothing: never the town its first words name.
    expect(g.communityByOwnName('Calgary Temple Crossing', 'AB')).toBeUndefined();
    expect(g.communityByOwnName('Gatineau-Hull', 'QC')).toBeUndefined();
    expect(g.communityByOwnName('Calgary', 'AB')?.name).toBe('Calgary');
    expect(labelNames('Fergus/Elora').exact).toEqual(['Fergus/Elora', 'Fergus', 'Elora']);
    expect(labelNames('Kettle and Stony Point First Nation').exact).toContain('Kettle and Stony Point');
  });
  it('locates a locality known under its municipality’s name through the documented alias table', () => {
    const g = gazetteer();
    expect(g.community('Trenton', 'ON')?.name).toBe('Quinte West');
    // How it was located names the alias and the municipality it leads to.
    const via = g.locateLabel('Trenton', 'ON')?.via ?? '';
    expect(via).toMatch(/alias/);
    expect(via).toContain('Quinte West');
    // An alias never hides a place a gazetteer knows by that name.
    g.add({
      kind: 'community',
      name: 'Trenton',
      province: 'ON',
      population: 19_000,
      lon: -77.58,
      lat: 44.1,
      precedence: 30,
      source: 'b',
    });
    expect(g.community('Trenton', 'ON')?.name).toBe('Trenton');
    // Every alias says why.
    for (const a of PLACE_ALIASES) expect(a.reason.length, a.name).toBeGreaterThan(20);
  });
  it('locates a postal code by its FSA, the source of higher precedence first', () => {
    expect(gazetteer().postalCode('e3b 1a1')?.lat).toBe(45.9);
    expect(gazetteer().postalCode('K1A 0B1')).toBeUndefined();
  });
  it('gives the same answers whatever order the places were added in', () => {
    const shuffled = [...PLACES].reverse();
    const a = gazetteer();
    const b = gazetteer(shuffled);
    for (const [name, province] of [
      ['Windsor', 'ON'],
      ['Trenton', 'ON'],
      ['Montréal', 'QC'],
    ] as const) {
      expect(b.community(name, province)).toEqual(a.community(name, province));
    }
    expect(b.postalCode('E3B')).toEqual(a.postalCode('E3B'));
    // Equal precedence and population: the point decides, not the order.
    const twins: PlaceLike[] = [
      {
        kind: 'community',
        name: 'Lakeview',
        province: 'ON',
        population: 500,
        lon: -80,
        lat: 44,
        precedence: 30,
        source: 'x',
      },
      {
        kind: 'community',
        name: 'Lakeview',
        province: 'ON',
        population: 500,
        lon: -79,
        lat: 44,
        precedence: 30,
        source: 'y',
      },
    ];
    expect(gazetteer(twins).community('Lakeview', 'ON')).toEqual(
      gazetteer([...twins].reverse()).community('Lakeview', 'ON'),
    );
  });
  it('reads a census subdivision name as people write it: bilingual halves, unit suffixes', () => {
    const g = new Gazetteer();
    g.addCensusSubdivision({
      name: 'Grand Falls / Grand-Sault',
      province: 'NB',
      population: 5220,
      lon: -67.74,
      lat: 47.05,
    });
    g.addCensusSubdivision({ name: 'Cross Lake 19A', province: 'MB', population: 2045, lon: -97.77, lat: 54.62 });
    g.addCensusSubdivision({ name: 'Flin Flon (Part)', province: 'MB', population: 4940, lon: -101.88, lat: 54.77 });
    expect(g.community('Grand-Sault', 'NB')?.lon).toBe(-67.74);
    expect(g.community('Grand Falls', 'NB')?.lon).toBe(-67.74);
    expect(g.community('Cross Lake', 'MB')?.name).toBe('Cross Lake 19A');
    expect(g.community('Flin Flon', 'MB')?.name).toBe('Flin Flon (Part)');
  });
});

describe('address keys', () => {
  it('agree across abbreviations, case and order of street type and direction', () => {
    expect(streetKey('Main St. W')).toBe(streetKey('MAIN STREET WEST'));
    expect(streetKey('rue Principale')).toBe(streetKey('Principale Rue'));
    expect(streetKey('St. Clair Ave E')).toBe('saint clair|avenue|east');
    expect(civicAddress('1250  Brant Street, Unit 9A')).toEqual({ number: '1250', street: 'Brant Street' });
    expect(civicAddress('4-123 Main St W')).toEqual({ number: '123', street: 'Main St W' });
    expect(civicAddress('PO Box 10')).toBeNull();
    expect(addressKey('ON', 'Burlington', '1250 Brant St')).toBe(
      addressKey('ON', 'BURLINGTON', '1250 BRANT STREET, Unit 9A'),
    );
  });
});
