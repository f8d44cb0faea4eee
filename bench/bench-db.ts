import pg from 'pg';
import type { Database } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { createPgDatabase } from '../db/pg-database.js';

/** A fresh, migrated server-mode database for one benchmark size; dropped by `drop`. */
export async function createBenchDatabase(
  baseUrl: string,
  name: string,
): Promise<{ db: Database; url: string; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const db = createPgDatabase(url, { max: 4, batch: true });
  await migrate(db);
  return {
    db,
    url,
    drop: async () => {
      await db.close();
      const a = new pg.Client({ connectionString: baseUrl });
      await a.connect();
      try {
        // An autovacuum worker still on the database (after a large load) is not ours to end:
        // FORCE refuses with insufficient_privilege; it finishes or yields within seconds.
        for (let attempt = 1; ; attempt += 1) {
          try {
            await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
            break;
          } catch (err) {
            if ((err as { code?: string }).code !== '42501' || attempt >= 30) throw err;
            await new Promise((r) => setTimeout(r, 2000));
          }
        }
      } finally {
        await a.end();
      }
    },
  };
}
