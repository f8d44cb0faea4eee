import type { Config } from '../config.js';
import type { Database } from './database.js';
import { createPgDatabase } from './pg-database.js';
import { createPgliteDatabase } from './pglite-database.js';

/** Opens the storage mode the configuration asks for. */
export async function openDatabase(
  config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR' | 'PG_POOL_MAX'> & Partial<Pick<Config, 'MIGRATION_DATABASE_URL'>>,
): Promise<Database> {
  if (config.DATABASE_URL) {
    return createPgDatabase(config.DATABASE_URL, { max: config.PG_POOL_MAX, ownerConnectionString: config.MIGRATION_DATABASE_URL });
  }
  return createPgliteDatabase(config.DATA_DIR);
}
