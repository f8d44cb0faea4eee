import type { Config } from '../config.js';
import type { Database } from './database.js';
import { createPgDatabase } from './pg-database.js';
import { createPgliteDatabase } from './pglite-database.js';

/**
 * Opens the storage mode the configuration asks for. `server`: the
 * long-running app's database, on DATABASE_URL only; work outside a request has
 * no privilege. `batch`: migrations, command-line loads and the first start's
 * seeding, as the tables' owner (MIGRATION_DATABASE_URL when set) for every
 * jurisdiction; opened for the job and closed after it.
 */
export async function openDatabase(
  config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR' | 'PG_POOL_MAX'> & Partial<Pick<Config, 'MIGRATION_DATABASE_URL'>>,
  purpose: 'server' | 'batch',
): Promise<Database> {
  if (config.DATABASE_URL) {
    if (purpose === 'server') return createPgDatabase(config.DATABASE_URL, { max: config.PG_POOL_MAX });
    return createPgDatabase(config.DATABASE_URL, { max: config.PG_POOL_MAX, batch: true, ownerConnectionString: config.MIGRATION_DATABASE_URL });
  }
  return createPgliteDatabase(config.DATA_DIR);
}
