/**
 * Imports one CSV file as one feed in a process of its own, so a test can kill
 * the import midway. The target is a server-mode URL or a PGlite data directory.
 * Usage: tsx tests/support/import-child.ts DATABASE_URL|PGLITE_DATA_DIR FILE FEED_ID JURISDICTION
 */
import { importFeedFile } from '../../data-loaders/lib/import-feed.js';
import { createPgDatabase } from '../../db/pg-database.js';
import { createPgliteDatabase } from '../../db/pglite-database.js';

const [target, file, feedId, jurisdiction] = process.argv.slice(2);
if (!target || !file || !feedId || !jurisdiction)
  throw new Error('usage: import-child URL|DATA_DIR FILE FEED_ID JURISDICTION');
const db = /^postgres(ql)?:\/\//.test(target)
  ? createPgDatabase(target, { max: 2, batch: true })
  : await createPgliteDatabase(target);
process.stdout.write(`opened ${db.kind}\n`);
const r = await importFeedFile(
  db,
  {
    id: feedId,
    jurisdiction_id: jurisdiction,
    name_en: 'Kill test feed',
    name_fr: 'Flux du test d’interruption',
    format: 'csv',
  },
  file,
  { originalName: 'points.csv', publish: true, onProgress: (rows) => process.stdout.write(`progress ${rows}\n`) },
);
process.stdout.write(`done ${r.status} ${r.versionId}\n`);
await db.close();
