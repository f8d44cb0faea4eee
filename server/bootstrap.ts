import type { Database } from '../db/database.js';
import { hasReferenceData } from '../data-loaders/lib/reference-data.js';
import { loadNpmGazetteer, NPM_GAZETTEER_SOURCE } from '../data-loaders/sources/gazetteer-npm.js';
import { loadReferenceData } from '../data-loaders/sources/reference-data.js';
import type { Logger } from './logger.js';
import { sqlFile } from '../db/sql-file.js';

/**
 * First start on an empty database: the places of the npm gazetteer for
 * search, then the reference data shipped in data/ (the 2021 census
 * subdivisions with the Community Well-Being index, forward sortation areas
 * for postal-code geocoding, First Nations). A database that only has the
 * npm gazetteer's fallback population units (made before data/ shipped) gets
 * the census units too. Nothing is loaded when census units are already there.
 */
export async function bootstrapEmptyDatabase(db: Database, logger: Logger): Promise<void> {
  const places = await db.query<{ n: number }>(sqlFile('places_count'));
  const census = await db.query<{ n: number }>(sqlFile('population_units_count_except'), [NPM_GAZETTEER_SOURCE]);
  // The census first, so the npm gazetteer then sees census units and makes no fallback ones.
  if ((census.rows[0]?.n ?? 0) === 0) {
    if (hasReferenceData()) {
      const started = Date.now();
      const loaded = await loadReferenceData(db);
      logger.info(
        { ...loaded, seconds: (Date.now() - started) / 1000 },
        'loaded the reference data (2021 census subdivisions, postal areas, First Nations)',
      );
    } else {
      logger.warn('data/ has no reference data: the population units will be the npm gazetteer fallback');
    }
  }
  if ((places.rows[0]?.n ?? 0) === 0) {
    const loaded = await loadNpmGazetteer(db);
    logger.info(loaded, 'loaded the npm gazetteer into an empty database');
  }
}
