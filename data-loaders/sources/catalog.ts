import { csdBoundaries2011, economicRegions2006, provincesGeojson } from './boundary-sources.js';
import { cwb2021 } from './cwb-2021.js';
import { firstNationsList } from './first-nations-list.js';
import { fsaCentroids } from './fsa-centroids.js';
import { fsaGeonames } from './fsa-geonames.js';
import { fsaPopulation2016 } from './fsa-population-2016.js';
import { gazetteerNpm } from './gazetteer-npm.js';
import { gazetteerSimplemaps } from './gazetteer-simplemaps.js';
import { odaAddresses } from './oda-addresses.js';
import { referenceData } from './reference-data.js';
import { serviceCanadaOffices } from './service-canada-offices.js';
import { serviceOntarioLocations } from './serviceontario-locations.js';
import type { Source } from './source.js';

/**
 * Every source the loaders know, in load order: the npm gazetteer and the
 * reference data shipped in data/, then gazetteers (which geocode
 * everything after them), boundaries, census units (which use boundaries and
 * the gazetteer), then service-point feeds.
 */
export const CATALOG: readonly Source[] = [
  gazetteerNpm,
  referenceData,
  gazetteerSimplemaps,
  fsaCentroids,
  fsaGeonames,
  odaAddresses,
  firstNationsList,
  csdBoundaries2011,
  economicRegions2006,
  provincesGeojson,
  cwb2021,
  fsaPopulation2016,
  serviceCanadaOffices,
  serviceOntarioLocations,
].sort((a, b) => a.order - b.order);

export function findSource(id: string): Source | undefined {
  return CATALOG.find((s) => s.id === id);
}
