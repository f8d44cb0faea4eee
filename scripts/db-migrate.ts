import { loadConfig } from '../server/config.js';
import { migrate } from '../db/migrate.js';
import { openDatabase } from '../db/open-database.js';

const db = await openDatabase(loadConfig(), 'batch');
try {
  const r = await migrate(db);
  console.log(`${db.kind}: applied ${r.applied} migration(s); ${r.total} in all.`);
} finally {
  await db.close();
}
