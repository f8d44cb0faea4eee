/**
 * Imports one CSV file as one feed in a process of its own, so a test can kill
 * the import midway. Usage: tsx tests/support/import-child.ts DATABASE_URL FILE FEED_ID JURISDICTION
 */
import { importFeedFile } from '../../data-loaders/lib/import-feed.js';
import { createPgDatabase } from '../../server/db/pg-database.js';

const [url, file, feedId, jurisdiction] = process.argv.slice(2);
if (!url || !file || !feedId || !jurisdiction) throw new Error('usage: import-child URL FILE FEED_ID JURISDICTION');
const db = createPgDatabase(url, { max: 2 });
const r = await importFeedFile(
  db,
  { id: feedId, jurisdiction_id: jurisdiction, name_en: 'Kill test feed', name_fr: 'Flux du test d’interruption', format: 'csv' },
  file,
  { originalName: 'points.csv', publish: true, onProgress: (rows) => process.stdout.write(`progress ${rows}\n`) },
);
process.stdout.write(`done ${r.status} ${r.versionId}\n`);
await db.close();
