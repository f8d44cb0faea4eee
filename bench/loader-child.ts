/**
 * One loader measurement in a process of its own, so its peak RSS is the
 * loader's alone. Usage: tsx bench/loader-child.ts DATABASE_URL ROWS -> JSON on stdout.
 */
import { loaderBench } from '../data-loaders/lib/loader-bench.js';
import { createPgDatabase } from '../db/pg-database.js';

const [url, rows] = process.argv.slice(2);
if (!url || !rows) throw new Error('usage: loader-child DATABASE_URL ROWS');
const db = createPgDatabase(url, { max: 2, batch: true });
const r = await loaderBench(db, Number(rows));
await db.close();
process.stdout.write(`${JSON.stringify(r)}\n`);
process.exit(0);
