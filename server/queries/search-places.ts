import type { Queryable } from '../../db/database.js';
import { sqlFile } from '../../db/sql-file.js';

export interface PlaceRow {
  id: number;
  name: string;
  name_fr: string | null;
  kind: string;
  province: string | null;
  lon: number;
  lat: number;
  population: number | null;
  similarity: number;
}

/** The start of a postal code ("e3b", "E3B 1A1", "E3"), as the FSA prefix to look up; else null. */
export function postalPrefix(q: string): string | null {
  const compact = q.replace(/[\s-]+/g, '').toUpperCase();
  // A full code or an FSA resolves to its FSA; a letter and a digit list the FSAs that start so.
  const m = /^([ABCEGHJ-NPRSTVXY]\d)([ABCEGHJ-NPRSTV-Z](\d([ABCEGHJ-NPRSTV-Z](\d)?)?)?)?$/.exec(compact);
  if (!m) return null;
  return compact.slice(0, 3);
}

/**
 * Places for the type-ahead: communities and Indigenous communities by name
 * (either language, accents and case ignored, prefix or typo), postal codes
 * by their FSA. Gazetteers overlap, so one entry per kind, name and province.
 */
export async function searchPlaces(db: Queryable, q: string, limit: number): Promise<PlaceRow[]> {
  const r = await db.query<PlaceRow>(sqlFile('search_places'), [q, limit * 3, postalPrefix(q)]);
  const seen = new Set<string>();
  const out: PlaceRow[] = [];
  for (const p of r.rows) {
    const key = `${p.kind}|${p.name.toLowerCase()}|${p.province}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
    if (out.length >= limit) break;
  }
  return out;
}
