import type { Queryable } from '../db/database.js';
import { forwardSortationArea } from '../../data-loaders/lib/postal-code.js';
import { sqlFile } from './sql-file.js';

export interface PlaceResult {
  id: number;
  name: string;
  kind: string;
  province: string | null;
  lon: number;
  lat: number;
  population: number | null;
}

/** Places whose name starts with `q` (accents and case ignored), or the FSA of a postal code. */
export async function searchPlaces(db: Queryable, q: string, limit: number): Promise<PlaceResult[]> {
  const compact = q.replace(/\s+/g, '').toUpperCase();
  const fsa = compact.length >= 3 && compact.length <= 6 ? forwardSortationArea(compact.slice(0, 3)) : null;
  const r = await db.query<PlaceResult>(sqlFile('search_places'), [q, limit, fsa]);
  // One entry per name and province: gazetteers overlap.
  const seen = new Set<string>();
  return r.rows.filter((p) => {
    const key = `${p.kind}|${p.name.toLowerCase()}|${p.province}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
