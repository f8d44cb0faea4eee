import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.js';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../sql/migrations');

export interface Migration {
  id: number;
  name: string;
  sql: string;
  checksum: string;
}

/**
 * Reads `NNNN_verb_object.sql` files in number order; refuses duplicate numbers.
 * Numbers may leave gaps (areas of the schema take their own ranges).
 */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const seen = new Set<number>();
  return files.map((file) => {
    const match = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file);
    if (!match) throw new Error(`Migration file name must be NNNN_verb_object.sql: ${file}`);
    const id = Number(match[1]);
    if (seen.has(id)) throw new Error(`Two migrations share the number ${match[1]}: ${file}`);
    seen.add(id);
    const sql = fs.readFileSync(path.join(dir, file), 'utf8');
    return { id, name: match[2] ?? file, sql, checksum: createHash('sha256').update(sql).digest('hex') };
  });
}

/**
 * Applies every migration not yet recorded, each in its own transaction, and
 * returns how many are applied in all. An edited, already-applied migration is
 * an error: migrations are forward-only.
 */
export async function migrate(db: Database, dir = MIGRATIONS_DIR): Promise<{ applied: number; total: number }> {
  const migrations = readMigrations(dir);
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id integer PRIMARY KEY,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  let applied = 0;
  for (const m of migrations) {
    const done = await db.transaction(async (tx) => {
      // Serialise concurrent starters (several servers, tests) on one database.
      await tx.query('SELECT pg_advisory_xact_lock(7243001)');
      const existing = await tx.query<{ checksum: string }>('SELECT checksum FROM schema_migrations WHERE id = $1', [
        m.id,
      ]);
      const row = existing.rows[0];
      if (row) {
        if (row.checksum !== m.checksum) {
          throw new Error(`Migration ${m.id} (${m.name}) was edited after it was applied; add a new migration instead`);
        }
        return false;
      }
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (id, name, checksum) VALUES ($1, $2, $3)', [
        m.id,
        m.name,
        m.checksum,
      ]);
      return true;
    });
    if (done) applied += 1;
  }
  return { applied, total: migrations.length };
}

/** Number of migrations recorded as applied, or null when the table does not exist yet. */
export async function appliedMigrationCount(db: Database): Promise<number | null> {
  const t = await db.query<{ exists: boolean }>("SELECT to_regclass('schema_migrations') IS NOT NULL AS exists");
  if (!t.rows[0]?.exists) return null;
  const r = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
  return r.rows[0]?.n ?? 0;
}
