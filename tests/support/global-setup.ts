import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createPgliteDatabase } from '../../db/pglite-database.js';
import { migrate, readMigrations } from '../../db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgisTemplate: string | null;
    runPid: number;
  }
}

/** A migrated PGlite data directory, made once per set of migrations and copied by each test file. */
async function pgliteTemplate(): Promise<string> {
  const hash = createHash('sha256')
    .update(
      readMigrations()
        .map((m) => m.checksum)
        .join(),
    )
    .digest('hex')
    .slice(0, 12);
  const dir = path.resolve('.cache', `pglite-template-${hash}`);
  if (fs.existsSync(path.join(dir, '.complete'))) return dir;
  // Built under a private name and renamed into place, so two runs starting together never share a half-made directory.
  const building = `${dir}.building-${process.pid}`;
  fs.rmSync(building, { recursive: true, force: true });
  const db = await createPgliteDatabase(building);
  await migrate(db);
  await db.close();
  fs.writeFileSync(path.join(building, '.complete'), new Date().toISOString());
  // A directory left half-made by older runs is never complete: replace it.
  if (fs.existsSync(dir) && !fs.existsSync(path.join(dir, '.complete')))
    fs.rmSync(dir, { recursive: true, force: true });
  try {
    fs.renameSync(building, dir);
  } catch {
    // Another run finished first: use its directory.
    fs.rmSync(building, { recursive: true, force: true });
  }
  return dir;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A migrated template database on the server; each test file clones it. */
async function postgisTemplate(url: string): Promise<string> {
  const name = `finder_test_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    // Databases left behind by test runs that were killed; runs still alive (several
    // engineers or CI steps may share one server) keep theirs. Names carry the run's pid.
    const old = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname ~ '^finder_test_(template_)?[0-9]+_?'",
    );
    for (const r of old.rows) {
      const pid = Number(/^finder_test_(?:template_)?(\d+)/.exec(r.datname)?.[1]);
      if (pid && !isAlive(pid)) await admin.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
    }
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const u = new URL(url);
  u.pathname = `/${name}`;
  const { createPgDatabase } = await import('../../db/pg-database.js');
  const db = createPgDatabase(u.toString(), { max: 2, batch: true });
  await migrate(db);
  await db.close();
  return name;
}

export default async function setup(project: TestProject) {
  fs.mkdirSync('test-output', { recursive: true });
  project.provide('pgliteTemplate', await pgliteTemplate());
  const url = process.env['DATABASE_URL'];
  const template = url ? await postgisTemplate(url) : null;
  project.provide('postgisTemplate', template);
  project.provide('runPid', process.pid);
  return async () => {
    if (!url || !template) return;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await admin.end();
  };
}
