import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { Database, DatabaseKind } from '../../db/database.js';
import { createPgDatabase } from '../../db/pg-database.js';
import { createPgliteDatabase } from '../../db/pglite-database.js';

/** The storage modes this run can test: PGlite always, PostGIS when DATABASE_URL is set. */
export const MODES: DatabaseKind[] = process.env['DATABASE_URL'] ? ['pglite', 'postgis'] : ['pglite'];

export interface TestDatabase {
  db: Database;
  /** Server mode: the URL of this test's own database. */
  url: string | null;
  dataDir: string | null;
  cleanup: () => Promise<void>;
}

/** A migrated database of its own for one test file: a copied PGlite directory or a cloned PostGIS database. */
export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finder-pglite-'));
    fs.cpSync(inject('pgliteTemplate'), dir, { recursive: true });
    const db = await createPgliteDatabase(dir);
    return {
      db,
      url: null,
      dataDir: dir,
      cleanup: async () => {
        await db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const base = process.env['DATABASE_URL'];
  const template = inject('postgisTemplate');
  if (!base || !template) throw new Error('PostGIS mode needs DATABASE_URL');
  const name = `finder_test_${inject('runPid')}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  const db = createPgDatabase(u.toString(), { max: 4, batch: true });
  return {
    db,
    url: u.toString(),
    dataDir: null,
    cleanup: async () => {
      await db.close();
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      try {
        // A connection of another role (the app's role, in the privilege tests) that a test has just
        // closed may still be exiting on the server; the owner may not terminate it, so wait for it to go.
        for (let attempt = 0; ; attempt += 1) {
          try {
            await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
            break;
          } catch (err) {
            if ((err as { code?: string }).code !== '42501' || attempt >= 50) throw err;
            await new Promise((r) => setTimeout(r, 100));
          }
        }
      } finally {
        await a.end();
      }
    },
  };
}

/** Where the shared real data lives, or null (tests that need it skip with a message). */
export const SHARED_DATA: string | null = (() => {
  const dir = path.resolve('../shared/data');
  return fs.existsSync(dir) ? dir : null;
})();

export function sharedFile(...parts: string[]): string | null {
  if (!SHARED_DATA) return null;
  const f = path.join(SHARED_DATA, ...parts);
  return fs.existsSync(f) ? f : null;
}
