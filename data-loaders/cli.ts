import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.js';
import { migrate } from '../server/db/migrate.js';
import { openDatabase } from '../server/db/open-database.js';
import { loadDir, runSource } from './load-dir.js';
import { CATALOG, findSource } from './sources/catalog.js';
import type { LoadResult } from './sources/source.js';

const USAGE = `Usage:
  npm run load -- --list                     list the sources
  npm run load -- SOURCE_ID [--file PATH]    load one source (from PATH, else its download or npm package)
  npm run load -- --dir DIR                  load every file under DIR that a source recognises
  npm run load -- all [--dir DIR]            every source, files from DIR where given`;

function table(results: LoadResult[]): string {
  const head = ['source', 'status', 'rows', 'accepted', 'rejected', 'detail'];
  const rows = results.map((r) => [r.source, r.status, String(r.rows), String(r.accepted), String(r.rejected), r.detail]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { list: { type: 'boolean' }, file: { type: 'string' }, dir: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.list) {
    for (const s of CATALOG) console.log(`${s.id.padEnd(26)} ${s.kind.padEnd(10)} ${s.title_en}\n${' '.repeat(38)}${s.official_url ?? '(no official download)'} · ${s.licence}`);
    return 0;
  }
  const target = positionals[0];
  if (!target && !values.dir) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  const db = await openDatabase(config);
  const log = (m: string) => console.error(m);
  try {
    await migrate(db);
    let results: LoadResult[] = [];
    let unrecognised: string[] = [];
    if (values.dir && (!target || target === 'all')) {
      ({ results, unrecognised } = await loadDir({ db, log }, values.dir));
    } else if (target === 'all') {
      for (const s of CATALOG) results.push(await runSource(s, { db, log }));
    } else if (target) {
      const source = findSource(target);
      if (!source) {
        console.error(`Unknown source "${target}". Known sources: ${CATALOG.map((s) => s.id).join(', ')}`);
        return 2;
      }
      results.push(await runSource(source, { db, log, file: values.file }));
    }
    console.log(table(results));
    if (unrecognised.length > 0) console.log(`\nNot recognised (${unrecognised.length}):\n  ${unrecognised.join('\n  ')}`);
    return results.some((r) => r.status === 'failed') ? 1 : 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
