import type { Queryable } from '../../db/database.js';

export interface PlaceInput {
  kind: 'community' | 'postal_code' | 'indigenous_community';
  name: string;
  name_fr?: string | null;
  province: string | null;
  population: number | null;
  csd_code?: string | null;
  lon: number;
  lat: number;
  source_key: string;
}

/** Replaces every place of one source with `places`, inside the caller's transaction. */
export async function replacePlaces(tx: Queryable, source: string, places: PlaceInput[]): Promise<number> {
  await tx.query('DELETE FROM places WHERE source = $1', [source]);
  for (let i = 0; i < places.length; i += 2000) {
    const batch = places.slice(i, i + 2000);
    await tx.query(
      `INSERT INTO places (kind, name, name_fr, province, population, csd_code, lon, lat, source, source_key)
       SELECT r.kind, r.name, r.name_fr, r.province, r.population, r.csd_code, r.lon, r.lat, $2, r.source_key
       FROM jsonb_to_recordset($1::jsonb) AS r(kind text, name text, name_fr text, province text, population int,
         csd_code text, lon float8, lat float8, source_key text)
       ON CONFLICT (source, source_key) DO NOTHING`,
      [JSON.stringify(batch), source],
    );
  }
  return places.length;
}
