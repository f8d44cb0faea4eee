import type { Queryable } from '../../db/database.js';
import { addressKey } from './address-key.js';
import { PLACE_ALIASES } from './place-aliases.js';
import { placeKey } from './place-key.js';
import { forwardSortationArea } from './postal-code.js';
import {
  CSD_APPROXIMATE_PRECEDENCE,
  CSD_DERIVED_PRECEDENCE,
  CSD_PRECEDENCE,
  DEFAULT_PRECEDENCE,
  STRONG,
} from './replace-places.js';
import { sqlFile } from '../../db/sql-file.js';

export interface GazetteerPoint {
  lon: number;
  lat: number;
  name: string;
  population: number;
}

interface Entry extends GazetteerPoint {
  precedence: number;
  source: string;
}

/** What a lookup found, and how: the precision and the name or alias that matched. */
export interface Located {
  point: GazetteerPoint;
  quality: 'address' | 'postal_code' | 'community';
  /** The name that matched (and its source), the alias used, or the postal area, for the load report. */
  via: string;
}

export interface PlaceLike {
  kind: string;
  name: string;
  name_fr?: string | null;
  province: string | null;
  population: number | null;
  lon: number;
  lat: number;
  precedence?: number | null;
  source?: string | null;
}

/**
 * The stronger of two places of one name: the source of higher precedence,
 * then the larger population, then a fixed order of the point and the name,
 * so the winner never depends on the order in which sources were loaded.
 */
function better(a: Entry, b: Entry): boolean {
  if (a.precedence !== b.precedence) return a.precedence > b.precedence;
  if (a.population !== b.population) return a.population > b.population;
  if (a.lon !== b.lon) return a.lon < b.lon;
  if (a.lat !== b.lat) return a.lat < b.lat;
  if (a.source !== b.source) return a.source < b.source;
  return a.name < b.name;
}

/** Unit suffixes of census subdivision names that people leave out: "Flin Flon (Part)", "Cross Lake 19A", "Stanley No. 215". */
function shortCsdName(name: string): string | null {
  const short = name
    .replace(/\s*\(Part\)/gi, '')
    .replace(/\s+No\.\s*\d+[A-Z]?$/i, '')
    .replace(/\s+\d+[A-Z]?$/, '')
    .trim();
  return short && short !== name ? short : null;
}

/** Words that name a kind of site or a part of town, never the place itself. */
const DESCRIPTORS =
  /\s+(First Nations?|Reserve|Band|Indian Band|Service Canada Centre.*|Scheduled Outreach Site|Passport (Office|Services))$/i;
const DIRECTION = /[\s-]+(East|West|North|South|Centre|Center|Central|Downtown|Est|Ouest|Nord|Sud)$/i;
/** Single words that a leading run of an office label may not stop at (they name no place on their own). */
const TOO_GENERIC = new Set([
  'port',
  'grand',
  'saint',
  'sainte',
  'fort',
  'north',
  'south',
  'east',
  'west',
  'new',
  'old',
  'lac',
  'lake',
  'mount',
  'point',
  'la',
  'le',
  'les',
  'st',
  'ste',
  'upper',
  'lower',
  'little',
  'big',
  'great',
  'notre',
  'dame',
  'des',
  'de',
  'du',
  'baie',
  'cap',
  'ile',
  'anse',
  'pointe',
  'riviere',
]);

/**
 * The names an office label may mean, most specific first: "Verdun (Montréal)"
 * gives Verdun then Montréal; "Fergus/Elora" gives both; "Gatineau-Hull"
 * gives Gatineau-Hull then Gatineau; "Edmonton Canada Place" gives the
 * longest leading run of words that is a place.
 */
export function labelNames(label: string): { exact: string[]; leading: string[] } {
  const cleaned = label
    .replace(/\s+-\s+Passport Services$/i, '')
    .replace(/\s+/g, ' ')
    .trim();
  const outside = cleaned
    .replace(/\(([^)]*)\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const inside = [...cleaned.matchAll(/\(([^)]*)\)/g)].map((m) => (m[1] ?? '').trim()).filter(Boolean);
  const exact: string[] = [];
  const push = (n: string) => {
    const t = n.trim();
    if (t && !exact.includes(t)) exact.push(t);
  };
  const parts = [outside, ...outside.split(/\s+[-–]\s+|\s*\/\s*/)];
  for (const part of parts) {
    push(part);
    let stripped = part;
    for (let i = 0; i < 3; i += 1) stripped = stripped.replace(DESCRIPTORS, '').replace(DIRECTION, '').trim();
    push(stripped);
  }
  for (const n of inside) push(n);
  const leading: string[] = [];
  for (const part of parts) {
    // Hyphens join words as spaces do ("Gatineau-Hull" -> "Gatineau").
    const words = part.split(/[\s-]+/).filter(Boolean);
    for (let n = words.length - 1; n >= 1; n -= 1) {
      const run = words.slice(0, n).join(' ');
      if (n === 1 && TOO_GENERIC.has(placeKey(run))) continue;
      if (!leading.includes(run) && !exact.includes(run)) leading.push(run);
    }
  }
  return { exact, leading };
}

/**
 * The offline geocoder: places, postal FSAs and (when loaded) civic addresses
 * held in memory, looked up by accent-insensitive name within a province,
 * English and French names alike. Every gazetteer source adds to it; when
 * several name one place, precedence decides (see `better`).
 */
export class Gazetteer {
  // Names of places of precedence >= STRONG, which answer before any alias, and
  // the others (names shortened from census subdivisions, census points placed
  // in a neighbouring subdivision, band offices placed at a rural postal area),
  // which answer only when neither a place nor an alias does.
  private readonly communities = new Map<string, Entry>();
  private readonly weak = new Map<string, Entry>();
  private readonly fsas = new Map<string, Entry>();
  private readonly addresses = new Map<string, GazetteerPoint>();
  private readonly aliases = new Map<string, string>();

  constructor() {
    for (const a of PLACE_ALIASES) this.aliases.set(`${a.province}|${placeKey(a.name)}`, a.target);
  }

  /**
   * Every gazetteer in the database: the places of every source, the 2021
   * census subdivisions loaded as population units (their own points only:
   * units the census loader placed from a gazetteer name or a neighbouring
   * code are left out, so the result does not depend on load order), and the
   * civic addresses of an address source.
   */
  static async fromDatabase(
    db: Queryable,
    options: { censusSubdivisions?: boolean; addresses?: boolean } = {},
  ): Promise<Gazetteer> {
    const g = new Gazetteer();
    const r = await db.query<{
      kind: string;
      name: string;
      name_fr: string | null;
      province: string | null;
      population: number | null;
      lon: number;
      lat: number;
      precedence: number;
      source: string;
    }>(sqlFile('gazetteer_places'));
    for (const p of r.rows) g.add(p);
    if (options.censusSubdivisions !== false) {
      const csd = await db.query<{
        name: string;
        province: string | null;
        population: number | null;
        lon: number;
        lat: number;
        located_by: string | null;
      }>(sqlFile('gazetteer_census_subdivisions'));
      for (const u of csd.rows) g.addCensusSubdivision(u);
    }
    if (options.addresses !== false) {
      const a = await db.query<{ match_key: string; full_address: string | null; lon: number; lat: number }>(
        sqlFile('gazetteer_addresses'),
      );
      for (const row of a.rows)
        g.addresses.set(row.match_key, {
          lon: row.lon,
          lat: row.lat,
          name: row.full_address ?? row.match_key,
          population: 0,
        });
    }
    return g;
  }

  add(p: PlaceLike): void {
    const entry: Entry = {
      lon: p.lon,
      lat: p.lat,
      name: p.name,
      population: p.population ?? 0,
      precedence: p.precedence ?? DEFAULT_PRECEDENCE,
      source: p.source ?? '',
    };
    if (p.kind === 'postal_code') {
      const fsa = forwardSortationArea(p.name);
      const existing = fsa ? this.fsas.get(fsa) : undefined;
      if (fsa && (!existing || better(entry, existing))) this.fsas.set(fsa, entry);
      return;
    }
    for (const name of [p.name, p.name_fr]) if (name) this.put(p.province, name, entry);
  }

  /**
   * A 2021 census subdivision as a place: its official name (a bilingual name
   * "Grand Falls / Grand-Sault" gives both halves), and at a lower precedence
   * the name without unit suffixes ("Cross Lake 19A" -> "Cross Lake").
   */
  addCensusSubdivision(u: {
    name: string;
    province: string | null;
    population: number | null;
    lon: number;
    lat: number;
    located_by?: string | null;
  }): void {
    // A unit the census loader could only place inside a neighbouring subdivision
    // (census_division_nearest_code) is a last resort, below every other name.
    const approximate = u.located_by === 'census_division_nearest_code';
    const base = {
      lon: u.lon,
      lat: u.lat,
      population: u.population ?? 0,
      source: approximate ? 'census-subdivisions (approximate point)' : 'census-subdivisions',
    };
    const own = approximate ? CSD_APPROXIMATE_PRECEDENCE : CSD_PRECEDENCE;
    const derived = approximate ? CSD_APPROXIMATE_PRECEDENCE - 1 : CSD_DERIVED_PRECEDENCE;
    const names = u.name.includes(' / ') ? u.name.split(' / ') : [u.name];
    for (const name of names) {
      this.put(u.province, name, { ...base, name, precedence: own });
      const short = shortCsdName(name);
      if (short) this.put(u.province, short, { ...base, name, precedence: derived });
      if (/\S\/\S/.test(name))
        for (const part of name.split('/')) this.put(u.province, part, { ...base, name, precedence: derived });
    }
  }

  /** A civic address point (Open Database of Addresses). */
  addAddress(matchKey: string, point: GazetteerPoint): void {
    if (!this.addresses.has(matchKey)) this.addresses.set(matchKey, point);
  }

  private put(province: string | null, name: string, entry: Entry): void {
    const key = `${province ?? ''}|${placeKey(name)}`;
    const map = entry.precedence >= STRONG ? this.communities : this.weak;
    const existing = map.get(key);
    if (!existing || better(entry, existing)) map.set(key, entry);
  }

  get size(): { communities: number; fsas: number; addresses: number } {
    return {
      communities: this.communities.size + this.weak.size,
      fsas: this.fsas.size,
      addresses: this.addresses.size,
    };
  }

  /** The point of a postal code's forward sortation area. */
  postalCode(code: string | null | undefined): GazetteerPoint | undefined {
    const fsa = forwardSortationArea(code);
    return fsa ? strip(this.fsas.get(fsa)) : undefined;
  }

  /** A civic address: number and street in a city of a province. */
  address(
    street: string | null | undefined,
    city: string | null | undefined,
    province: string | null | undefined,
  ): GazetteerPoint | undefined {
    if (this.addresses.size === 0 || !street || !city || !province) return undefined;
    const key = addressKey(province, city, street);
    return key ? this.addresses.get(key) : undefined;
  }

  /** A community by name in a province, by its own name, else by a documented alias. */
  community(name: string | null | undefined, province: string | null | undefined): GazetteerPoint | undefined {
    return this.findCommunity(name, province)?.point;
  }

  private entry(
    name: string,
    province: string | null | undefined,
    tier: 'strong' | 'weak' | 'any' = 'any',
  ): Entry | undefined {
    const key = `${province ?? ''}|${placeKey(name)}`;
    if (tier === 'strong') return this.communities.get(key);
    if (tier === 'weak') return this.weak.get(key);
    return this.communities.get(key) ?? this.weak.get(key);
  }

  private direct(
    name: string,
    province: string | null | undefined,
    tier: 'strong' | 'weak' | 'any' = 'any',
  ): GazetteerPoint | undefined {
    return strip(this.entry(name, province, tier));
  }

  /** "Name [source]" for the load report: which gazetteer answered. */
  private named(name: string, province: string | null | undefined): string {
    const e = this.entry(name, province);
    return e ? `${e.name} [${e.source || 'places'}]` : name;
  }

  private viaAlias(
    name: string,
    province: string | null | undefined,
  ): { point: GazetteerPoint; target: string } | undefined {
    const target = this.aliases.get(`${province ?? ''}|${placeKey(name)}`);
    const point = target ? this.direct(target, province) : undefined;
    return point && target ? { point, target } : undefined;
  }

  private findCommunity(
    name: string | null | undefined,
    province: string | null | undefined,
  ): { point: GazetteerPoint; via: string } | undefined {
    if (!name) return undefined;
    const own = this.direct(name, province, 'strong');
    if (own) return { point: own, via: this.named(name, province) };
    const alias = this.viaAlias(name, province);
    if (alias) return { point: alias.point, via: `${name}: alias of ${this.named(alias.target, province)}` };
    const weak = this.direct(name, province, 'weak');
    return weak ? { point: weak, via: this.named(name, province) } : undefined;
  }

  /**
   * A community named somewhere in a longer label ("Calgary Temple Crossing",
   * "Pointe-aux-Trembles (Montréal)", "Fergus/Elora", "Gatineau-Hull"): the
   * label's names by their own names first, then by alias, then the longest
   * leading run of words that names a place.
   */
  communityInLabel(label: string, province: string | null | undefined): GazetteerPoint | undefined {
    return this.locateLabel(label, province)?.point;
  }

  /**
   * A place an official name names as a whole (its own names, then an alias), never a
   * shorter run of its words: a census subdivision "Sainte-Thérèse-de-Gaspé" is not the
   * town of Sainte-Thérèse, and "Okanagan-Similkameen A" is not Okanagan.
   */
  communityByOwnName(name: string, province: string | null | undefined): GazetteerPoint | undefined {
    // "Kensington, Part 2", "Flin Flon (Part)", "Oromocto 26", "Estevan No. 5": the unit is at, or
    // beside, the place it is numbered or divided from.
    const whole = name.replace(/,?\s+Part\s+\d+[A-Z]?$/i, '').trim();
    const short = shortCsdName(whole) ?? whole;
    for (const n of [name, whole, short]) {
      const hit = this.locateExact(n, province)?.point;
      if (hit) return hit;
    }
    return undefined;
  }

  /** A label's own names only (no shorter runs of words, no weak places): by name, then by alias. */
  private locateExact(
    label: string,
    province: string | null | undefined,
  ): { point: GazetteerPoint; via: string } | undefined {
    const { exact } = labelNames(label);
    for (const n of exact) {
      const hit = this.direct(n, province, 'strong');
      if (hit) return { point: hit, via: this.named(n, province) };
    }
    for (const n of exact) {
      const hit = this.viaAlias(n, province);
      if (hit) return { point: hit.point, via: `${n}: alias of ${this.named(hit.target, province)}` };
    }
    return undefined;
  }

  locateLabel(label: string, province: string | null | undefined): { point: GazetteerPoint; via: string } | undefined {
    const { exact, leading } = labelNames(label);
    for (const n of exact) {
      const hit = this.direct(n, province, 'strong');
      if (hit) return { point: hit, via: this.named(n, province) };
    }
    for (const n of exact) {
      const hit = this.viaAlias(n, province);
      if (hit) return { point: hit.point, via: `${n}: alias of ${this.named(hit.target, province)}` };
    }
    for (const n of exact) {
      const hit = this.direct(n, province, 'weak');
      if (hit) return { point: hit, via: this.named(n, province) };
    }
    // A shorter run of words only counts when a gazetteer itself names it ("Edmonton Canada
    // Place" -> Edmonton); an alias or a weak name for the first word of a label would guess.
    for (const n of leading) {
      const hit = this.direct(n, province, 'strong');
      if (hit) return { point: hit, via: this.named(n, province) };
    }
    return undefined;
  }

  /**
   * The best location for a row: its civic address, else its postal code's
   * area, else its city, else a community named in its label.
   */
  locate(input: {
    address?: string | null;
    city?: string | null;
    postalCode?: string | null;
    label?: string | null;
    province?: string | null;
  }): Located | undefined {
    const byAddress = this.address(input.address, input.city, input.province);
    if (byAddress) return { point: byAddress, quality: 'address', via: byAddress.name };
    const byPostal = this.postalCode(input.postalCode);
    if (byPostal) return { point: byPostal, quality: 'postal_code', via: forwardSortationArea(input.postalCode) ?? '' };
    const byCity = input.city
      ? (this.findCommunity(input.city, input.province) ?? this.locateLabel(input.city, input.province))
      : undefined;
    if (byCity) return { point: byCity.point, quality: 'community', via: byCity.via };
    // "218 Main Street, North Perth Public Library: Atwood Branch", "10 Echo Street West, Haldimand
    // County": the parts of an address after the street often name the municipality. Only a
    // whole part that names a place (or a documented alias) counts: a library system's name
    // ("Kingston Frontenac", "Essex County") is not the place of its branch.
    for (const part of (input.address ?? '').split(/[,:;]/).slice(1)) {
      const text = part
        .replace(/\s+(Township\b|Municipality\b|Public Library|Library|Branch\b|Economic Development).*$/i, '')
        .trim();
      if (!text || /^(unit|suite|apt|bureau|local|p\.?o\.? box|#|\d)/i.test(text)) continue;
      const hit = this.locateExact(text, input.province);
      if (hit) return { point: hit.point, quality: 'community', via: `${hit.via} (from the address)` };
    }
    const byLabel = input.label ? this.locateLabel(input.label, input.province) : undefined;
    if (byLabel) return { point: byLabel.point, quality: 'community', via: byLabel.via };
    return undefined;
  }
}

function strip(e: Entry | undefined): GazetteerPoint | undefined {
  return e ? { lon: e.lon, lat: e.lat, name: e.name, population: e.population } : undefined;
}
