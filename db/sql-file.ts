import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const QUERIES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../sql/queries');
const cache = new Map<string, string>();

/** The text of `sql/queries/<name>.sql`, read once. */
export function sqlFile(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = fs.readFileSync(path.join(QUERIES_DIR, `${name}.sql`), 'utf8');
    cache.set(name, text);
  }
  return text;
}
