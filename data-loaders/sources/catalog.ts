import { fsaCentroids } from './fsa-centroids.js';
import { gazetteerNpm } from './gazetteer-npm.js';
import { gazetteerSimplemaps } from './gazetteer-simplemaps.js';
import { serviceCanadaOffices } from './service-canada-offices.js';
import type { Source } from './source.js';

/** Every source the loaders know, in load order. */
export const CATALOG: readonly Source[] = [gazetteerNpm, gazetteerSimplemaps, fsaCentroids, serviceCanadaOffices].sort(
  (a, b) => a.order - b.order,
);

export function findSource(id: string): Source | undefined {
  return CATALOG.find((s) => s.id === id);
}
