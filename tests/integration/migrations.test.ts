import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { appliedMigrationCount, migrate, readMigrations } from '../../db/migrate.js';
import { createPgDatabase } from '../../db/pg-database.js';
import { createPgliteDatabase } from '../../db/pglite-database.js';
import type { Database } from '../../db/database.js';

async function assertMigratesTwice(db: Database) {
  const total = readMigrations().length;
  const first = await migrate(db);
  expect(first).toEqual({ applied: total, total });
  const second = await migrate(db);
  expect(second).toEqual({ applied: 0, total });
  expect(await appliedMigrationCount(db)).toBe(total);
  const j = await db.query<{ id: string; name_fr: string }>(
    "SELECT id, name_fr FROM jurisdictions WHERE level NOT IN ('municipal', 'indigenous') ORDER BY id",
  );
  expect(j.rows).toHaveLength(14);
  // 637 First Nations, 4 Inuit regional governments, 5 Métis governments (0060).
  const indigenous = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM jurisdictions WHERE level = 'indigenous'",
  );
  expect(indigenous.rows[0]!.n).toBe(646);
  expect(j.rows.find((r) => r.id === 'ca-qc')?.name_fr).toBe('Québec');
  // The database itself refuses an impossible coordinate (second line of defence).
  await expect(
    db.query(
      `INSERT INTO places (kind, name, lon, lat, source, source_key) VALUES ('community', 'x', 0, 100, 't', '1')`,
    ),
  ).rejects.toThrow(/check constraint/);
  await expect(
    db.query(
      `INSERT INTO places (kind, name, lon, lat, source, source_key) VALUES ('community', 'x', 'NaN', 45, 't', '2')`,
    ),
  ).rejects.toThrow(/check constraint/);
}

describe('migrations from an empty database', () => {
  it('apply on PGlite, twice in a row', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finder-migrate-'));
    const db = await createPgliteDatabase(dir);
    try {
      await assertMigratesTwice(db);
    } finally {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!process.env['DATABASE_URL'])('apply on PostGIS, twice in a row', async () => {
    const base = process.env['DATABASE_URL']!;
    const name = `finder_test_${inject('runPid')}_empty`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    await admin.query(`CREATE DATABASE "${name}"`);
    const u = new URL(base);
    u.pathname = `/${name}`;
    const db = createPgDatabase(u.toString(), { max: 2, batch: true });
    try {
      await assertMigratesTwice(db);
    } finally {
      await db.close();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });
});
