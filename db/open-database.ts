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

/** Opens the storage mode the options ask for (the server and the scripts pass their checked configuration). */
export async function openDatabase(config: OpenDatabaseOptions): Promise<Database> {
  if (config.DATABASE_URL) {
    return createPgDatabase(config.DATABASE_URL, { max: config.PG_POOL_MAX, ownerConnectionString: config.MIGRATION_DATABASE_URL });
  }
  return createPgliteDatabase(config.DATA_DIR);
}
