import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.js';
import { migrate } from '../db/migrate.js';
import { openDatabase } from '../db/open-database.js';
import { downloadSource } from '../data-loaders/lib/download-source.js';
import type { FeedFormat } from '../data-loaders/lib/import-feed.js';
import { loadDir, runSource } from '../data-loaders/load-dir.js';
import { CATALOG, findSource } from '../data-loaders/sources/catalog.js';
import { openDataFeed } from '../data-loaders/sources/open-data-feed.js';
import type { LoadContext, LoadResult, Source } from '../data-loaders/sources/source.js';

const USAGE = `Usage:
  npm run load -- --list                     list the sources (official URL, licence, format)
  npm run load -- SOURCE_ID [--file PATH]    load one source (from PATH, else its download when online)
  npm run load -- --dir DIR                  load every file under DIR that a source recognises, in dependency order
  npm run load -- all [--dir DIR]            every source, files from DIR where given
  npm run load -- feed --file PATH [--feed-id ID] [--jurisdiction ca-xx] [--name NAME]
                  [--format csv|geojson|hsds] [--mapping '{"name":"Site"}'] [--stage]
                                             a jurisdiction's file in the common layout, GeoJSON or HSDS 3.0`;

function table(results: LoadResult[]): string {
  const head = ['source', 'status', 'rows', 'accepted', 'rejected', 'rows/s', 'detail'];
  const rows = results.map((r) => [
    r.source,
    r.status,
    String(r.rows),
    String(r.accepted),
    String(r.rejected),
    r.seconds && r.rows ? String(Math.round(r.rows / Math.max(r.seconds, 0.001))) : '',
    r.detail,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (i === 6 ? 0 : (r[i] ?? '').length))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 6 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w, i) => (i === 6 ? '------' : '-'.repeat(w)))), ...rows.map(line)].join('\n');
}

/** Rows and rate on one rewritten line, only on a terminal (logs stay clean). */
function progressFor(source: string): ((rows: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  const started = Date.now();
  return (rows) => {
    const s = (Date.now() - started) / 1000;
    process.stderr.write(
      `\r  ${source}: ${rows.toLocaleString('en-CA')} rows, ${Math.round(rows / Math.max(s, 0.001)).toLocaleString('en-CA')} rows/s   `,
    );
  };
}

async function runWithDownload(source: Source, ctx: LoadContext): Promise<LoadResult> {
  if (ctx.file || source.needsFile === false) return runSource(source, ctx);
  if (source.download) {
    ctx.log(`${source.id}: downloading from the official source...`);
    const d = await downloadSource(source.download);
    if ('file' in d) return runSource(source, { ...ctx, file: d.file });
    ctx.log(`${source.id}: download failed (${d.error}); give --file PATH to load a local copy.`);
    return {
      source: source.id,
      file: null,
      status: 'skipped',
      rows: 0,
      accepted: 0,
      rejected: 0,
      detail: `offline (${d.error}); give --file PATH`,
    };
  }
  return {
    source: source.id,
    file: null,
    status: 'skipped',
    rows: 0,
    accepted: 0,
    rejected: 0,
    detail: 'no direct download; give --file PATH or --dir DIR',
  };
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: {
      list: { type: 'boolean' },
      file: { type: 'string' },
      dir: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      'feed-id': { type: 'string' },
      jurisdiction: { type: 'string' },
      name: { type: 'string' },
      format: { type: 'string' },
      mapping: { type: 'string' },
      stage: { type: 'boolean' },
    },
    allowPositionals: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.list) {
    for (const s of CATALOG) {
      console.log(`${s.id.padEnd(28)} ${s.kind.padEnd(10)} ${(s.format ?? '').padEnd(10)} ${s.title_en}`);
      console.log(
        `${' '.repeat(29)}${s.official_url ?? '(no official download)'}\n${' '.repeat(29)}licence: ${s.licence}\n${' '.repeat(29)}attribution: ${s.attribution_en}`,
      );
    }
    return 0;
  }
  const target = positionals[0];
  if (!target && !values.dir) {
    console.error(USAGE);
    return 2;
  }
  let mapping: Record<string, string> | undefined;
  if (values.mapping) {
    try {
      mapping = JSON.parse(values.mapping) as Record<string, string>;
    } catch {
      console.error('--mapping must be a JSON object, e.g. \'{"name": "Nom du site"}\'');
      return 2;
    }
  }
  const format = values.format as FeedFormat | undefined;
  if (format && !['csv', 'geojson', 'hsds'].includes(format)) {
    console.error('--format must be csv, geojson or hsds');
    return 2;
  }
  const config = loadConfig();
  const db = await openDatabase(config, 'batch');
  const log = (m: string) => console.error(process.stderr.isTTY ? `\r${m}` : m);
  try {
    await migrate(db);
    let results: LoadResult[] = [];
    let unrecognised: string[] = [];
    if (values.dir && (!target || target === 'all')) {
      ({ results, unrecognised } = await loadDir({ db, log, progressFor }, values.dir));
    } else if (target === 'all') {
      for (const s of CATALOG) results.push(await runWithDownload(s, { db, log, onProgress: progressFor(s.id) }));
    } else if (target === 'feed') {
      const source = openDataFeed({
        feedId: values['feed-id'],
        jurisdiction: values.jurisdiction,
        name: values.name,
        format,
        mapping,
        stage: values.stage,
      });
      results.push(await runSource(source, { db, log, file: values.file, onProgress: progressFor('feed') }));
    } else if (target) {
      const source = findSource(target);
      if (!source) {
        console.error(`Unknown source "${target}". Known sources: ${CATALOG.map((s) => s.id).join(', ')}, feed`);
        return 2;
      }
      results.push(await runWithDownload(source, { db, log, file: values.file, onProgress: progressFor(source.id) }));
    }
    if (process.stderr.isTTY) process.stderr.write('\n');
    console.log(table(results));
    if (unrecognised.length > 0)
      console.log(`\nNot recognised (${unrecognised.length}):\n  ${unrecognised.join('\n  ')}`);
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
