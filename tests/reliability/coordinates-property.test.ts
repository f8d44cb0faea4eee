import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Gazetteer } from '../../data-loaders/lib/gazetteer.js';
import { LoadReport } from '../../data-loaders/lib/load-report.js';
import { RowValidator } from '../../data-loaders/lib/validate-row.js';

/** Inland Canadian points, far from any border or coast. */
const CANADIAN: [number, number][] = [
  [-66.64, 45.96],
  [-97.14, 49.9],
  [-114.07, 51.05],
  [-106.67, 52.13],
  [-80.99, 46.49],
  [-114.37, 62.45],
  [-71.89, 45.4],
  [-73.57, 45.5],
];
/** Points in other countries that no swap or sign slip turns into Canada. */
const ABROAD: [number, number][] = [
  [-100, 20],
  [-60, -30],
  [-47.9, -15.8],
  [-99.1, 19.4],
  [-77.0, -12.0],
  [-3.7, 40.4],
];

function check(lon: unknown, lat: unknown) {
  const report = new LoadReport();
  const v = new RowValidator({ gazetteer: new Gazetteer(), report });
  const point = v.validate({ row: 1, values: { id: 'x', name: 'Test office', lon, lat } });
  const codes = report.issues.map((i) => i.code);
  return { point, codes, issues: report.issues };
}

const anchor = fc.constantFrom(...CANADIAN);

// Every corruption of a valid Canadian point is caught before PostGIS (whose geography
// cast would clamp a latitude of 100, and which accepts a NaN point), with its own code.
// The row is kept (never silently dropped) but the bad coordinates are not: the point is
// located from its address where it can be, else kept unlocated and off the map.
function expectCoordinatesDropped(r: ReturnType<typeof check>, code: string) {
  expect(r.codes).toContain(code);
  expect(r.point).not.toBeNull();
  expect(r.point).toMatchObject({ lon: null, lat: null, geocode_quality: 'none' });
  expect(r.codes).toContain('not_located');
}
describe('coordinates are checked before PostGIS', () => {
  it('keeps valid Canadian points as given', () => {
    fc.assert(
      fc.property(anchor, ([x, y]) => {
        const r = check(x, y);
        expect(r.point).toMatchObject({ lon: x, lat: y, geocode_quality: 'source' });
      }),
    );
  });

  it('drops a latitude beyond ±90 with latitude_out_of_range', () => {
    fc.assert(
      fc.property(anchor, fc.double({ min: 90.000001, max: 1e9, noNaN: true }), fc.boolean(), ([x], bad, neg) => {
        const r = check(x, neg ? -bad : bad);
        expectCoordinatesDropped(r, 'latitude_out_of_range');
      }),
    );
  });

  it('drops a longitude beyond ±180 with longitude_out_of_range', () => {
    fc.assert(
      fc.property(anchor, fc.double({ min: 180.000001, max: 1e9, noNaN: true }), fc.boolean(), ([, y], bad, neg) => {
        const r = check(neg ? -bad : bad, y);
        expectCoordinatesDropped(r, 'longitude_out_of_range');
      }),
    );
  });

  it('drops what is not a number (NaN, infinities, text, overflow) with coordinate_not_number', () => {
    const junk = fc.oneof(
      fc.constantFrom(
        Number.NaN,
        Number.POSITIVE_INFINITY,
        Number.NEGATIVE_INFINITY,
        'NaN',
        'Infinity',
        '1e999',
        '45.9.6',
        'north',
        '--45',
        '0x2D',
      ),
      fc
        .string({ minLength: 1, maxLength: 12 })
        .filter((s) => !/^\s*[-+]?(\d+[.,]?\d*|[.,]\d+)(e[-+]?\d+)?\s*°?\s*[NSEWO]?\s*$/i.test(s) && s.trim() !== ''),
    );
    fc.assert(
      fc.property(anchor, junk, fc.boolean(), ([x, y], bad, onLat) => {
        const r = onLat ? check(x, bad) : check(bad, y);
        expectCoordinatesDropped(r, 'coordinate_not_number');
      }),
    );
  });

  it('drops a point with only one coordinate (empty is missing, never 0)', () => {
    fc.assert(
      fc.property(anchor, fc.constantFrom('', null, undefined, '   '), fc.boolean(), ([x, y], empty, dropLat) => {
        const r = dropLat ? check(x, empty) : check(empty, y);
        expectCoordinatesDropped(r, 'coordinate_missing_pair');
      }),
    );
  });

  it('corrects swapped latitude and longitude, with a warning', () => {
    fc.assert(
      fc.property(anchor, ([x, y]) => {
        const r = check(y, x);
        expect(r.point).toMatchObject({ lon: x, lat: y });
        expect(r.codes).toContain('coordinates_swapped');
      }),
    );
  });

  it('corrects a longitude that lost its minus sign, with a warning', () => {
    fc.assert(
      fc.property(anchor, ([x, y]) => {
        const r = check(-x, y);
        expect(r.point).toMatchObject({ lon: x, lat: y });
        expect(r.codes).toContain('longitude_sign');
      }),
    );
  });

  it('drops real coordinates outside Canada with outside_canada', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ABROAD), ([x, y]) => {
        const r = check(x, y);
        expectCoordinatesDropped(r, 'outside_canada');
      }),
    );
  });

  it('says every finding in both official languages', () => {
    const r = check(-66.64, 100);
    for (const i of r.issues) {
      expect(i.message_en.length).toBeGreaterThan(5);
      expect(i.message_fr.length).toBeGreaterThan(5);
      expect(i.message_fr).not.toBe(i.message_en);
    }
  });
});
