import type { Database } from './database.js';
import { createPgDatabase } from './pg-database.js';
import { createPgliteDatabase } from './pglite-database.js';
import { parseReplicaUrls, withReadReplicas } from './read-replicas.js';

export interface OpenDatabaseOptions {
  /** PostgreSQL + PostGIS; unset means the embedded PGlite database in DATA_DIR. */
  DATABASE_URL?: string | undefined;
  DATA_DIR: string;
  PG_POOL_MAX: number;
  /** The tables' owner, for migrations and command-line loads (server mode). */
  MIGRATION_DATABASE_URL?: string | undefined;
  /** Server mode: streaming replicas for citizens' reads (one or more URLs). */
  READ_DATABASE_URL?: string | undefined;
  /** A replica further behind the primary than this is skipped. */
  REPLICA_MAX_LAG_SECONDS?: number | undefined;
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
    // The long-running server never holds the owner's URL; batch work (migrations, command-line loads) does.
    const primary =
      purpose === 'server'
        ? createPgDatabase(config.DATABASE_URL, { max: config.PG_POOL_MAX })
        : createPgDatabase(config.DATABASE_URL, {
            max: config.PG_POOL_MAX,
            batch: true,
            ownerConnectionString: config.MIGRATION_DATABASE_URL,
          });
    const replicas = purpose === 'server' ? parseReplicaUrls(config.READ_DATABASE_URL) : [];
    if (replicas.length === 0) return primary;
    return withReadReplicas(primary, replicas, {
      maxLagSeconds: config.REPLICA_MAX_LAG_SECONDS ?? 10,
      poolMax: config.PG_POOL_MAX,
    });
  }
  return createPgliteDatabase(config.DATA_DIR);
}
