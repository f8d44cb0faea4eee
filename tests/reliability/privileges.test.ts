import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgDatabase } from '../../db/pg-database.js';
import { openDatabase } from '../../db/open-database.js';
import { runWithQueryClass } from '../../db/query-class.js';
import { openTestDatabase, type TestDatabase } from '../support/test-database.js';

// Row-level security binds roles that are not superusers; the test databases' owner is one.
describe.runIf(process.env['DATABASE_URL'])('privileges fail closed (server mode)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase('postgis');
    await t.db.query(
      `INSERT INTO feeds (id, jurisdiction_id, name_en, name_fr, format) VALUES ('ca-nb-priv', 'ca-nb', 'Priv', 'Priv', 'csv')`,
    );
  });
  afterAll(() => t?.cleanup());

  it('the server’s database acts for nobody outside a request: it reads, and every write is refused', async () => {
    const db = await openDatabase({ DATABASE_URL: t.url!, DATA_DIR: '', PG_POOL_MAX: 2 }, 'server');
    try {
      const read = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM feeds WHERE id = 'ca-nb-priv'`);
      expect(read.rows[0]?.n).toBe(1);
      const setting = await db.query<{ j: string | null }>(`SELECT current_setting('app.jurisdiction_id', true) AS j`);
      expect(setting.rows[0]?.j || null).toBeNull();
      const update = await db.query(`UPDATE feeds SET name_en = 'hijacked' WHERE id = 'ca-nb-priv' RETURNING id`);
      expect(update.rowCount).toBe(0);
      await expect(
        db.query(
          `INSERT INTO feeds (id, jurisdiction_id, name_en, name_fr, format) VALUES ('ca-nb-x', 'ca-nb', 'x', 'x', 'csv')`,
        ),
      ).rejects.toThrow(/row-level security/);
      // The batch class does not exist in the server's database: no code path can borrow it.
      await expect(runWithQueryClass('batch', () => db.query('SELECT 1'))).rejects.toThrow(
        /batch work needs a database opened for batch work/,
      );
    } finally {
      await db.close();
    }
  });

  it('never connects as the owner, even when MIGRATION_DATABASE_URL is set; batch work does, and says so explicitly', async () => {
    const owner = new URL(t.url!);
    owner.username = 'no_such_owner_role';
    const config = { DATABASE_URL: t.url!, MIGRATION_DATABASE_URL: owner.toString(), DATA_DIR: '', PG_POOL_MAX: 2 };
    const server = await openDatabase(config, 'server');
    try {
      for (const cls of ['citizen', 'analysis', 'write'] as const) {
        const who = await runWithQueryClass(cls, () => server.query<{ u: string }>('SELECT current_user AS u'));
        expect(who.rows[0]?.u).toBe(new URL(t.url!).username);
      }
      const outside = await server.query<{ u: string }>('SELECT current_user AS u');
      expect(outside.rows[0]?.u).toBe(new URL(t.url!).username);
    } finally {
      await server.close();
    }
    const batch = await openDatabase(config, 'batch');
    try {
      await expect(batch.query('SELECT 1')).rejects.toThrow(/no_such_owner_role/);
    } finally {
      await batch.close();
    }
    expect(() => createPgDatabase(t.url!, { ownerConnectionString: owner.toString() })).toThrow(/batch databases only/);
  });

  it('the app’s role only reads the reference tables, which have no row-level security', async (ctx) => {
    const u = new URL(t.url!);
    u.username = 'finder_app';
    u.password = 'finder_app';
    const app = new pg.Client({ connectionString: u.toString() });
    if (
      !(await app.connect().then(
        () => true,
        () => false,
      ))
    )
      return ctx.skip();
    try {
      const writes = [
        `UPDATE jurisdictions SET name_en = 'hijacked' WHERE id = 'ca-nb'`,
        `INSERT INTO jurisdictions (id, level, name_en, name_fr) VALUES ('ca-evil', 'municipal', 'Evil', 'Evil')`,
        `DELETE FROM places WHERE true`,
        `UPDATE service_categories SET name_en = 'x'`,
        `DELETE FROM schema_migrations`,
        `UPDATE app_secrets SET value = repeat('0', 64)`,
        `TRUNCATE places`,
      ];
      for (const sql of writes) {
        await app.query('BEGIN');
        await app.query(`SELECT set_config('app.jurisdiction_id', '*', true)`);
        await expect(app.query(sql), sql).rejects.toThrow(/permission denied/);
        await app.query('ROLLBACK');
      }
      const read = await app.query<{ n: number }>('SELECT count(*)::int AS n FROM jurisdictions');
      expect(read.rows[0]!.n).toBeGreaterThan(10);
      // Its own rows, under row-level security, it still writes.
      await app.query('BEGIN');
      await app.query(`SELECT set_config('app.jurisdiction_id', 'ca-nb', true)`);
      const own = await app.query(`UPDATE feeds SET name_fr = name_fr WHERE id = 'ca-nb-priv'`);
      expect(own.rowCount).toBe(1);
      await app.query('ROLLBACK');
    } finally {
      await app.end();
    }
  });

  it('a batch database writes for every jurisdiction, as migrations and loads need', async () => {
    const update = await t.db.query(`UPDATE feeds SET name_fr = name_fr WHERE id = 'ca-nb-priv' RETURNING id`);
    expect(update.rowCount).toBe(1);
  });
});
