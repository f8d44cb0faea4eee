import type { Database } from './database.js';
import { createPgDatabase } from './pg-database.js';
import { createPgliteDatabase } from './pglite-database.js';

export interface OpenDatabaseOptions {
  /** PostgreSQL + PostGIS; unset means the embedded PGlite database in DATA_DIR. */
  DATABASE_URL?: string | undefined;
  DATA_DIR: string;
  PG_POOL_MAX: number;
  /** The tables' owner, for migrations and command-line loads (server mode). */
  MIGRATION_DATABASE_URL?: string | undefined;
}

/**
 * Opens the storage mode the options ask for (the server and the scripts pass
 * their checked configuration). `server`: the long-running app's database, on
 * DATABASE_URL only; work outside a request has no privilege. `batch`:
 * migrations, command-line loads and the first start's seeding, as the
 * tables' owner (MIGRATION_DATABASE_URL when set) for every jurisdiction;
 * opened for the job and closed after it.
 */
export async function openDatabase(config: OpenDatabaseOptions, purpose: 'server' | 'batch'): Promise<Database> {
  if (config.DATABASE_URL) {
    if (purpose === 'server') return createPgDatabase(config.DATABASE_URL, { max: config.PG_POOL_MAX });
    return createPgDatabase(config.DATABASE_URL, { max: config.PG_POOL_MAX, batch: true, ownerConnectionString: config.MIGRATION_DATABASE_URL });
  }
  return createPgliteDatabase(config.DATA_DIR);
}
