import fs from 'node:fs';
import path from 'node:path';
import { CATALOG } from './sources/catalog.js';
import type { LoadContext, LoadResult, Source } from './sources/source.js';

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else out.push(full);
  }
  return out.sort();
}

/** Matches every file under `dir` to a source; the rest are listed as not recognised. */
export function planDir(dir: string): { plan: { source: Source; file: string }[]; unrecognised: string[] } {
  const plan: { source: Source; file: string }[] = [];
  const unrecognised: string[] = [];
  for (const file of listFiles(dir)) {
    const rel = path.relative(dir, file).split(path.sep).join('/');
    const source = CATALOG.find((s) => s.recognises(rel));
    if (source) plan.push({ source, file });
    else if (!CATALOG.some((s) => s.companion?.(rel))) unrecognised.push(rel);
  }
  plan.sort((a, b) => a.source.order - b.source.order);
  return { plan, unrecognised };
}

/** Loads the gazetteers shipped with the product, then every recognised file under `dir`, gazetteers first. */
export async function loadDir(
  ctx: Omit<LoadContext, 'file'> & { progressFor?: (source: string) => ((rows: number) => void) | undefined },
  dir: string,
): Promise<{ results: LoadResult[]; unrecognised: string[] }> {
  const { plan, unrecognised } = planDir(dir);
  const results: LoadResult[] = [];
  // Gazetteers shipped with the product (no file) come first: every file's gazetteer adds to them.
  for (const source of CATALOG.filter((s) => s.needsFile === false).sort((a, b) => a.order - b.order)) {
    ctx.log(`loading ${source.id} (shipped with the product)`);
    results.push(await runSource(source, { ...ctx, onProgress: ctx.progressFor?.(source.id) }));
  }
  for (const { source, file } of plan) {
    ctx.log(`loading ${source.id} from ${path.relative(process.cwd(), file)}`);
    results.push(await runSource(source, { ...ctx, file, onProgress: ctx.progressFor?.(source.id) }));
  }
  return { results, unrecognised };
}

/** Runs one source; an exception becomes a failed result, never a crash of the whole run. */
export async function runSource(source: Source, ctx: LoadContext): Promise<LoadResult> {
  const started = Date.now();
  try {
    const result = await source.load(ctx);
    return { ...result, seconds: (Date.now() - started) / 1000 };
  } catch (err) {
    return {
      source: source.id,
      file: ctx.file ?? null,
      status: 'failed',
      rows: 0,
      accepted: 0,
      rejected: 0,
      detail: (err as Error).message,
      seconds: (Date.now() - started) / 1000,
    };
  }
}
