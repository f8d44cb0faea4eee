import path from 'node:path';
import type { Database } from '../../db/database.js';
import { hasReferenceData, readReferenceData, REFERENCE_DIR, type ReferenceData } from '../lib/reference-data.js';
import { replacePlaces, type PlaceInput } from '../lib/replace-places.js';
import { CWB_SOURCE } from './cwb-2021.js';
import { firstNationsList } from './first-nations-list.js';
import { fsaCentroids } from './fsa-centroids.js';
import { fsaPopulation2016 } from './fsa-population-2016.js';
import { NPM_GAZETTEER_SOURCE } from './gazetteer-npm.js';
import type { Source } from './source.js';
import { sqlFile } from '../../db/sql-file.js';

export interface ReferenceLoadSummary {
  units: number;
  population: number;
  polygons: number;
  postalAreas: number;
  firstNations: number;
}

/**
 * Loads the shipped reference data (data/, see data/README.md) in one
 * transaction, under the ids of the sources it was built from, so loading an
 * official file later replaces it rather than adding a second copy:
 * population units (cwb-2021, replacing the npm gazetteer's fallback units),
 * FSA points for postal-code geocoding (fsa-centroids-2021) and their 2016
 * population (fsa-population-2016), and First Nations as places
 * (first-nations-list).
 */
export async function loadReferenceData(
  db: Database,
  dir = REFERENCE_DIR,
  data: ReferenceData = readReferenceData(dir),
): Promise<ReferenceLoadSummary> {
  const units = data.units.map((u) => ({
    id: `csd-2021-${u.csd_code}`,
    code: u.csd_code,
    name: u.name,
    province: u.province,
    population: u.population,
    cwb: u.cwb,
    income: u.income,
    education: u.education,
    housing: u.housing,
    labour_force_activity: u.labour_force_activity,
    community_type: u.community_type,
    located_by: u.located_by,
    lon: u.lon,
    lat: u.lat,
    geometry: u.polygon && data.polygons.has(u.csd_code) ? JSON.stringify(data.polygons.get(u.csd_code)) : null,
  }));
  const postal: PlaceInput[] = data.fsas
    .filter((f) => f.lon !== null && f.lat !== null)
    .map((f) => ({
      kind: 'postal_code',
      name: f.fsa,
      province: f.province,
      population: f.population_2016,
      lon: f.lon!,
      lat: f.lat!,
      source_key: f.fsa,
    }));
  const nations: PlaceInput[] = data.firstNations
    .filter((n) => n.lon !== null && n.lat !== null)
    .map((n) => ({
      kind: 'indigenous_community',
      name: n.name,
      province: n.province,
      population: null,
      lon: n.lon!,
      lat: n.lat!,
      source_key: String(n.band_number),
    }));
  const fsaRows = data.fsas
    .map((f) => ({
      fsa: f.fsa,
      name: f.fsa,
      province: f.province,
      population: f.population_2016,
      dwellings: f.private_dwellings_2016,
      incomplete: f.incompletely_enumerated_2016,
    }))
    .filter((f) => f.population !== null || f.dwellings !== null);
  return db.transaction(async (tx) => {
    await tx.query(sqlFile('population_units_delete_sources'), [[CWB_SOURCE, NPM_GAZETTEER_SOURCE]]);
    for (let i = 0; i < units.length; i += 1000) {
      await tx.query(sqlFile('population_units_insert_reference'), [
        JSON.stringify(units.slice(i, i + 1000)),
        CWB_SOURCE,
      ]);
    }
    // Simplified shapes can self-intersect; spatial predicates need valid ones. As for the
    // boundaries (boundary-sources.ts), a GEOS failure only leaves a shape as shipped.
    await tx.query('SAVEPOINT make_valid');
    try {
      await tx.query(sqlFile('population_units_make_valid'), [CWB_SOURCE]);
      await tx.query('RELEASE SAVEPOINT make_valid');
    } catch {
      await tx.query('ROLLBACK TO SAVEPOINT make_valid');
    }
    await replacePlaces(tx, fsaCentroids.id, postal);
    await tx.query(sqlFile('fsa_population_delete_source'), [fsaPopulation2016.id]);
    await tx.query(sqlFile('fsa_population_upsert_reference'), [JSON.stringify(fsaRows), fsaPopulation2016.id]);
    await replacePlaces(tx, firstNationsList.id, nations);
    return {
      units: units.length,
      population: data.units.reduce((s, u) => s + (u.population ?? 0), 0),
      polygons: units.filter((u) => u.geometry).length,
      postalAreas: postal.length,
      firstNations: nations.length,
    };
  });
}

/** The reference data that ships in data/: `npm run load -- reference [--file DIR]`. */
export const referenceData: Source = {
  id: 'reference',
  kind: 'population',
  order: 11,
  format: 'CSV, GeoJSON',
  title_en:
    'Reference data shipped with the product: 2021 census subdivisions with the Community Well-Being index, forward sortation areas, First Nations',
  title_fr:
    'Données de référence livrées avec le produit : subdivisions de recensement 2021 et indice de bien-être des collectivités, régions de tri d’acheminement, Premières Nations',
  jurisdiction_id: 'ca',
  official_url: null,
  licence:
    'Open Government Licence – Canada; Statistics Canada Open Licence; CC BY 4.0 (GeoNames places used to locate some units)',
  attribution_en:
    'Contains information licensed under the Open Government Licence – Canada. Source: Statistics Canada, 2011, 2016 and 2021 Census. Adapted. Place names: GeoNames (CC BY 4.0).',
  attribution_fr:
    'Contient des informations visées par la Licence du gouvernement ouvert – Canada. Source : Statistique Canada, recensements de 2011, 2016 et 2021. Adapté. Noms de lieux : GeoNames (CC BY 4.0).',
  needsFile: false,
  recognises: () => false,
  async load({ db, file, log }) {
    const dir = file ? path.resolve(file) : REFERENCE_DIR;
    if (!hasReferenceData(dir)) {
      return {
        source: this.id,
        file: dir,
        status: 'failed',
        rows: 0,
        accepted: 0,
        rejected: 0,
        detail: `No reference data in ${dir} (run npm run build:reference).`,
      };
    }
    const r = await loadReferenceData(db, dir);
    log(
      `reference: ${r.units} census subdivisions (population ${r.population.toLocaleString('en-CA')}), ${r.postalAreas} postal areas, ${r.firstNations} First Nations`,
    );
    return {
      source: this.id,
      file: dir,
      status: 'loaded',
      rows: r.units + r.postalAreas + r.firstNations,
      accepted: r.units + r.postalAreas + r.firstNations,
      rejected: 0,
      detail: `${r.units} census subdivisions (population ${r.population}, ${r.polygons} with a polygon), ${r.postalAreas} FSAs, ${r.firstNations} First Nations`,
    };
  },
};
