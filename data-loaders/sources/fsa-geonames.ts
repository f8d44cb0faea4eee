import fs from 'node:fs';
import { forwardSortationArea } from '../lib/postal-code.js';
import { findProvince } from '../../domain/provinces.js';
import { replacePlaces, type PlaceInput } from '../lib/replace-places.js';
import type { Source } from './source.js';

/**
 * FSA points of the GeoNames postal-code dump (an older vintage: 1,620 FSAs).
 * A fallback for FSAs the 2021 centroid file lacks; the gazetteer prefers the
 * 2021 points. Place names with lost accents (U+FFFD) are not used.
 */
export const fsaGeonames: Source = {
  id: 'fsa-geonames',
  kind: 'gazetteer',
  order: 13,
  format: 'JSON',
  title_en: 'Canadian forward sortation areas (GeoNames postal code dump)',
  title_fr: 'Régions de tri d’acheminement canadiennes (fichier des codes postaux de GeoNames)',
  official_url: 'https://download.geonames.org/export/zip/',
  licence: 'CC BY 4.0',
  attribution_en: 'Postal areas: GeoNames (CC BY 4.0).',
  attribution_fr: 'Régions postales : GeoNames (CC BY 4.0).',
  recognises: (p) => /canadianPostalCodes\.json$/i.test(p),
  async load({ db, file }) {
    if (!file)
      return {
        source: this.id,
        file: null,
        status: 'failed',
        rows: 0,
        accepted: 0,
        rejected: 0,
        detail: 'Give --file PATH (a JSON array of FSAs).',
      };
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    const list = Array.isArray(data) ? (data as Record<string, unknown>[]) : [];
    const places: PlaceInput[] = [];
    let rejected = 0;
    for (const r of list) {
      const fsa = forwardSortationArea(String(r['Postal Code'] ?? ''));
      const lat = Number(r['Latitude']);
      const lon = Number(r['Longitude']);
      if (!fsa || !Number.isFinite(lat) || !Number.isFinite(lon) || lat < 40 || lat > 84 || lon < -142 || lon > -50) {
        rejected += 1;
        continue;
      }
      places.push({
        kind: 'postal_code',
        name: fsa,
        province: findProvince(String(r['Province'] ?? ''))?.code ?? null,
        population: null,
        lon,
        lat,
        source_key: fsa,
      });
    }
    const n = await db.transaction((tx) => replacePlaces(tx, this.id, places));
    return {
      source: this.id,
      file,
      status: 'loaded',
      rows: list.length,
      accepted: n,
      rejected,
      detail: `${n} FSA points (fallback to the 2021 centroids)`,
    };
  },
};
