import { describe, expect, it } from 'vitest';
import { CategoryMatcher } from './category-matcher.js';
import { Gazetteer } from './gazetteer.js';
import {
  accessibilityOf,
  checkName,
  cityFromAddress,
  cleanCell,
  cleanCells,
  DuplicateCheck,
  extraOf,
  languagesOf,
  locateRow,
  normalizeEmail,
  normalizePhone,
  normalizeUrl,
  notLocated,
  parseCoordinate,
  placeInCanada,
  provinceOfPostal,
  readCategories,
  readClosures,
  readContact,
  readCoordinates,
  readProvinceAndPostal,
  sourceIdOf,
  withClosures,
} from './row-checks.js';

const codes = (r: { findings: { code: string }[] }) => r.findings.map((f) => f.code);

describe('cleanCell', () => {
  it('trims, strips markup and controls, and says so', () => {
    expect(cleanCell('name', '  Service  Canada ')).toEqual({ value: 'Service Canada', findings: [] });
    const html = cleanCell('name', '<b>Service</b> Canada');
    expect(html.value).toBe('Service Canada');
    expect(codes(html)).toEqual(['html_removed']);
    expect(codes(cleanCell('name', 'Evil\u202Eoffice'))).toContain('bidi_control');
  });

  it('refuses a cell longer than its field allows, with the length in both languages', () => {
    const r = cleanCell('name', 'x'.repeat(301));
    expect(r.value).toBeNull();
    expect(r.findings[0]).toMatchObject({ field: 'name', code: 'field_too_long' });
    expect(r.findings[0]!.detail).toEqual({
      en: '(301 characters; at most 300.)',
      fr: '(301 caractères; au plus 300.)',
    });
    // Far beyond the limit: refused before cleaning, with the raw length.
    expect(cleanCell('city', 'y'.repeat(5000)).findings[0]!.detail!.en).toBe('(5000 characters; at most 120.)');
  });

  it('keeps line breaks only in multiline fields; empty is null', () => {
    expect(cleanCell('address', '1 Main St\nMoncton, NB', true).value).toBe('1 Main St\nMoncton, NB');
    expect(cleanCell('address', '1 Main St\nMoncton, NB').value).not.toContain('\n');
    expect(cleanCell('phone', '   ').value).toBeNull();
  });
});

describe('checkName', () => {
  it('a row without a name is refused', () => {
    expect(checkName('Office', 'Office')).toEqual([]);
    expect(checkName(null, '   ')).toEqual([{ field: 'name', value: '   ', code: 'missing_name' }]);
    expect(checkName(null, undefined)[0]!.value).toBeNull();
  });
});

describe('readProvinceAndPostal', () => {
  const read = (provinceText: string | null, postalText: string | null, address: string | null = null, def?: string) =>
    readProvinceAndPostal({ provinceText, postalText, address, defaultProvince: def });

  it('reads the province column by code or name, in either language', () => {
    expect(read('Nouveau-Brunswick', null).province).toBe('NB');
    expect(read('ON', null).province).toBe('ON');
  });

  it('reports an unknown province and a malformed postal code, and drops them', () => {
    const r = read('Atlantis', 'ABC 123');
    expect(r).toMatchObject({ province: null, postal: null });
    expect(codes(r)).toEqual(['invalid_province', 'invalid_postal_code']);
  });

  it('falls back to the postal code in the address, then its first letter, then the feed’s province', () => {
    expect(read(null, 'e1c4m3')).toMatchObject({ province: 'NB', postal: 'E1C 4M3' });
    expect(read(null, null, '1 Main St, Moncton NB E1C 4M3')).toMatchObject({ province: 'NB', postal: 'E1C 4M3' });
    // X is shared by the Northwest Territories and Nunavut: the feed's province decides.
    expect(read(null, 'X1A 2L9', null, 'NT')).toMatchObject({ province: 'NT', postal: 'X1A 2L9' });
    expect(read(null, null, null, 'PE').province).toBe('PE');
  });

  it('provinceOfPostal reads the first letter, and leaves X unknown', () => {
    expect(provinceOfPostal('K1A 0B1')).toBe('ON');
    expect(provinceOfPostal('X0A 0H0')).toBeNull();
    expect(provinceOfPostal(null)).toBeNull();
  });
});

describe('cityFromAddress', () => {
  it('takes the line before the province of a multiline address when the row names no city', () => {
    expect(cityFromAddress(null, '100 Queen St\nFredericton, New Brunswick\nE3B 1A1')).toBe('Fredericton');
    expect(cityFromAddress('Oromocto', '100 Queen St\nFredericton, NB')).toBe('Oromocto');
    expect(cityFromAddress(null, '100 Queen St, Fredericton')).toBeNull();
  });
});

describe('readContact', () => {
  it('normalises phone, e-mail and web address', () => {
    expect(
      readContact({ phoneText: '+1 (506) 555-0100 x12', emailText: 'mailto:a@b.ca', websiteText: 'www.gnb.ca' }),
    ).toEqual({ phone: '506-555-0100 ext. 12', email: 'a@b.ca', website: 'https://www.gnb.ca/', findings: [] });
  });

  it('reports each one it cannot read, and keeps the others', () => {
    const r = readContact({ phoneText: 'call us', emailText: 'nobody', websiteText: 'javascript:alert(1)' });
    expect(r).toMatchObject({ phone: null, email: null, website: null });
    expect(codes(r)).toEqual(['invalid_phone', 'invalid_email', 'invalid_url']);
    expect(readContact({ phoneText: null, emailText: null, websiteText: null }).findings).toEqual([]);
  });

  it('normalizePhone, normalizeEmail and normalizeUrl refuse what is not one', () => {
    expect(normalizePhone('1-800-622-6232')).toBe('800-622-6232');
    expect(normalizePhone('055-555-0100')).toBeNull();
    expect(normalizePhone('506 555 0100 / 506 555 0101')).toBe('506-555-0100');
    expect(normalizeEmail('a b@c.ca')).toBeNull();
    expect(normalizeUrl('ftp://x.ca')).toBeNull();
    expect(normalizeUrl('http://localhost')).toBeNull();
  });
});

describe('readCategories', () => {
  const matcher = new CategoryMatcher([{ code: 'passport', name_en: 'Passports', name_fr: 'Passeports' }]);

  it('matches codes, names and aliases once each, and reports the labels it does not know', () => {
    const r = readCategories('Passeports; passport | Bingo\nRaffles', matcher);
    expect(r.categories).toEqual(['passport']);
    expect(r.unmatched).toEqual(['Bingo', 'Raffles']);
    expect(r.findings).toEqual([{ field: 'categories', value: 'Bingo; Raffles', code: 'unknown_category' }]);
  });

  it('without a category list, keeps labels as slugs', () => {
    expect(readCategories('Health Card, Vital statistics').categories).toEqual(['health_card', 'vital_statistics']);
    expect(readCategories(null)).toEqual({ categories: [], unmatched: [], findings: [] });
  });
});

describe('coordinates', () => {
  it('parseCoordinate reads decimal commas and hemispheres; empty is null, not 0', () => {
    expect(parseCoordinate('45,96')).toEqual({ value: 45.96, bad: false });
    expect(parseCoordinate('66.64 W')).toEqual({ value: -66.64, bad: false });
    expect(parseCoordinate('')).toEqual({ value: null, bad: false });
    expect(parseCoordinate('forty')).toEqual({ value: null, bad: true });
    expect(parseCoordinate(' '.repeat(100) + '45')).toEqual({ value: null, bad: true });
    expect(parseCoordinate(Number.NaN)).toEqual({ value: null, bad: true });
  });

  it('placeInCanada repairs swapped pairs and lost minus signs, and says why a point is refused', () => {
    expect(placeInCanada(-66.64, 45.96)).toMatchObject({ lon: -66.64, lat: 45.96, at: 'NB', repair: null });
    expect(placeInCanada(45.96, -66.64)).toMatchObject({
      lon: -66.64,
      lat: 45.96,
      repair: { code: 'coordinates_swapped' },
    });
    expect(placeInCanada(66.64, 45.96)).toMatchObject({ lon: -66.64, repair: { code: 'longitude_sign' } });
    expect(placeInCanada(0, 0)).toMatchObject({ refused: { code: 'coordinates_zero' } });
    expect(placeInCanada(-66, 100)).toMatchObject({ refused: { code: 'latitude_out_of_range' } });
    expect(placeInCanada(2.35, 48.85)).toMatchObject({ refused: { code: 'outside_canada' } });
  });

  it('readCoordinates wants both or neither, and checks the province the row names', () => {
    expect(readCoordinates('', null, 'NB')).toEqual({ lon: null, lat: null, province: 'NB', findings: [] });
    expect(codes(readCoordinates('-66.6', '', null))).toEqual(['coordinate_missing_pair']);
    expect(codes(readCoordinates('x', 'y', null))).toEqual(['coordinate_not_number', 'coordinate_not_number']);
    const mismatch = readCoordinates(-66.64, 45.96, 'ON');
    expect(mismatch).toMatchObject({ lon: -66.64, lat: 45.96, province: 'ON' });
    expect(mismatch.findings[0]).toMatchObject({ code: 'province_mismatch', detail: { en: '(The point is in NB.)' } });
    // A row that names no province takes the one its point is in.
    expect(readCoordinates(-66.64, 45.96, null).province).toBe('NB');
  });
});

describe('locateRow and notLocated', () => {
  const gazetteer = new Gazetteer();
  gazetteer.add({ kind: 'community', name: 'Kamloops', province: 'BC', population: 97_000, lon: -120.33, lat: 50.67 });
  gazetteer.add({ kind: 'community', name: 'Moncton', province: 'NB', population: 79_000, lon: -64.78, lat: 46.09 });
  const row = { address: null, city: null, postal: null, province: null };

  it('locates by city, recording the community when it is not the row’s own city', () => {
    expect(locateRow(gazetteer, { ...row, city: 'Moncton', province: 'NB' })).toMatchObject({
      lon: -64.78,
      quality: 'community',
      placeName: 'Moncton',
      via: null,
      city: 'Moncton',
    });
    expect(locateRow(gazetteer, { ...row, city: 'Atlantis' })).toBeNull();
  });

  it('locates an office by the community in its name, which becomes its city', () => {
    const r = locateRow(gazetteer, { ...row, province: 'BC', placeLabel: 'Kamloops' });
    expect(r).toMatchObject({ quality: 'community', city: 'Kamloops', placeName: null });
    expect(r!.via).toBeTruthy();
  });

  it('says what a row gave to be located by, in both languages', () => {
    expect(notLocated({ name: 'X', ...row }).detail!.en).toBe(
      '(The row has no coordinates, address, city or postal code.)',
    );
    const why = notLocated({ name: 'Ponteix Outreach', ...row, province: 'SK', placeLabel: 'Ponteix' });
    expect(why).toMatchObject({ field: 'name', value: 'Ponteix Outreach', code: 'not_located' });
    expect(why.detail!.en).toBe(
      '(No gazetteer place, alias, address or postal area in SK matches place name "Ponteix".)',
    );
    expect(why.detail!.fr).toContain('nom de lieu « Ponteix »');
  });
});

describe('closures and hours', () => {
  it('readClosures reads dates and a yes/no holidays cell, and reports what it cannot read', () => {
    const r = readClosures('2026-12-25; 2026-12-26', 'Yes');
    expect(r.dates).toHaveLength(2);
    expect(r.closedOnHolidays).toBe(true);
    expect(r.findings).toEqual([]);
    expect(codes(readClosures('whenever', 'perhaps'))).toEqual(['unreadable_dates', 'unreadable_yes_no']);
    expect(readClosures(null, null)).toEqual({ dates: [], closedOnHolidays: null, findings: [] });
  });

  it('withClosures adds closures to a copy of the hours; a holidays rule alone needs hours', () => {
    const hours = { text: 'Mon-Fri 9-5' };
    const dates = readClosures('2026-12-25', null).dates;
    const out = withClosures(hours, dates, false);
    expect(out).toMatchObject({ text: 'Mon-Fri 9-5', closed_on_holidays: false });
    expect(out!.exceptions).toHaveLength(1);
    expect(hours).toEqual({ text: 'Mon-Fri 9-5' });
    expect(withClosures(null, [], true)).toBeNull();
    expect(withClosures(null, dates, null)).toMatchObject({ text: '' });
  });
});

describe('languages and accessibility', () => {
  it('languagesOf reads names and codes in both languages', () => {
    expect(languagesOf('English and French')).toEqual(['en', 'fr']);
    expect(languagesOf('bilingue')).toEqual(['en', 'fr']);
    expect(languagesOf('fra; oj')).toEqual(['fr', 'oj']);
    expect(languagesOf('')).toEqual([]);
  });

  it('accessibilityOf reads yes/no and lists', () => {
    expect(accessibilityOf('Oui')).toEqual(['wheelchair']);
    expect(accessibilityOf('no')).toEqual([]);
    expect(accessibilityOf('Barrier-free; hearing loop')).toEqual(['wheelchair', 'hearing_loop']);
  });
});

describe('ids and duplicates', () => {
  const row = {
    id: null,
    name: 'Office',
    address: '1 Main St',
    city: 'Moncton',
    postal: null,
    province: 'NB',
    phone: null,
  };

  it('sourceIdOf keeps the feed’s id, else hashes what the row says (case and accents aside)', () => {
    expect(sourceIdOf({ ...row, id: 'A-1' })).toBe('A-1');
    expect(sourceIdOf(row)).toMatch(/^h[0-9a-f]{20}$/);
    expect(sourceIdOf({ ...row, name: 'OFFICE' })).toBe(sourceIdOf(row));
    expect(sourceIdOf({ ...row, city: 'Dieppe' })).not.toBe(sourceIdOf(row));
  });

  it('DuplicateCheck keeps the first row and reports each repeat, by id or else by content', () => {
    const d = new DuplicateCheck();
    expect(d.check({ id: 'A-1', name: 'Office', sourceId: 'A-1' })).toEqual([]);
    expect(d.check({ id: 'A-1', name: 'Other', sourceId: 'A-1' })).toEqual([
      { field: 'id', value: 'A-1', code: 'duplicate_in_feed' },
    ]);
    expect(d.check({ id: null, name: 'Office', sourceId: 'h1' })).toEqual([]);
    expect(d.check({ id: null, name: 'Office', sourceId: 'h1' })[0]!.code).toBe('duplicate_content');
    // A row without a name is refused for that; it takes no id.
    expect(d.check({ id: 'B', name: null, sourceId: 'B' })).toEqual([]);
    expect(d.check({ id: 'B', name: 'Office B', sourceId: 'B' })).toEqual([]);
  });
});

describe('extraOf', () => {
  it('keeps the feed’s other cells and what was given but not used as is', () => {
    expect(
      extraOf(
        { ward: '3' },
        {
          description: 'Counter on the 2nd floor',
          postalText: 'E1C-4M',
          phoneText: 'ask at desk',
          phone: null,
          unmatchedCategories: ['Bingo'],
          placeName: 'Moncton',
          via: null,
        },
      ),
    ).toEqual({
      ward: '3',
      description: 'Counter on the 2nd floor',
      postal_code_as_given: 'E1C-4M',
      phone_as_given: 'ask at desk',
      categories_as_given: ['Bingo'],
      located_at_place: 'Moncton',
    });
  });
});

describe('cleanCells', () => {
  it('cleans every text field of a row and gathers the findings in field order', () => {
    const r = cleanCells({ name: '<i>Office</i>', city: ' Moncton ', phone: 'x'.repeat(2001), lon: -66 });
    expect(r.text).toMatchObject({ name: 'Office', city: 'Moncton', phone: null, address: null });
    expect(r.text).not.toHaveProperty('lon');
    expect(r.findings.map((f) => [f.field, f.code])).toEqual([
      ['name', 'html_removed'],
      ['phone', 'field_too_long'],
    ]);
  });
});
