import fs from 'node:fs';
import { PROVINCE_BY_LETTER, PROVINCES } from '../../domain/provinces.js';
import { replacePlaces, type PlaceInput } from '../lib/replace-places.js';
import type { Source } from './source.js';

/** Forward sortation area points derived from Statistics Canada's 2021 FSA boundary file. */
export const fsaCentroids: Source = {
  id: 'fsa-centroids-2021',
  kind: 'gazetteer',
  order: 12,
  title_en: 'Forward sortation area centroids, 2021 (Statistics Canada boundary file)',
  title_fr: 'Centroïdes des régions de tri d’acheminement, 2021 (fichier des limites de Statistique Canada)',
  official_url:
    'https://www12.statcan.gc.ca/census-recensement/2021/geo/sip-pis/boundary-limites/index2021-eng.cfm?year=21',
  licence: 'Statistics Canada Open Licence',
  attribution_en: 'Source: Statistics Canada, 2021 Census forward sortation area boundary file.',
  attribution_fr:
    'Source : Statistique Canada, fichier des limites des régions de tri d’acheminement, Recensement de 2021.',
  recognises: (p) => /postal_centroids_canada\.json$/i.test(p),
  async load({ db, file }) {
    if (!file) {
      return {
        source: this.id,
        file: null,
        status: 'failed',
        rows: 0,
        accepted: 0,
        rejected: 0,
        detail: 'Give --file PATH (a JSON object FSA -> [lat, lon]).',
      };
    }
    const data = JSON.parse(await fs.promises.readFile(file, 'utf8')) as Record<string, unknown>;
    const places: PlaceInput[] = [];
    let rejected = 0;
    const known = new Set(PROVINCES.map((p) => p.code));
    for (const [fsa, value] of Object.entries(data)) {
      // The file stores [latitude, longitude], the opposite of GeoJSON.
      const [lat, lon] = Array.isArray(value) ? (value as unknown[]).map(Number) : [NaN, NaN];
      if (
        !/^[A-Z]\d[A-Z]$/.test(fsa) ||
        !Number.isFinite(lat) ||
        !Number.isFinite(lon) ||
        lat! < 40 ||
        lat! > 84 ||
        lon! > -50 ||
        lon! < -142
      ) {
        rejected += 1;
        continue;
      }
      let province = PROVINCE_BY_LETTER[fsa[0]!] ?? null;
      if (province === 'NT' && lon! > -102) province = 'NU';
      places.push({
        kind: 'postal_code',
        name: fsa,
        province: province && known.has(province) ? province : null,
        population: null,
        lon: lon!,
        lat: lat!,
        source_key: fsa,
      });
    }
    const n = await db.transaction((tx) => replacePlaces(tx, this.id, places));
    return {
      source: this.id,
      file,
      status: 'loaded',
      rows: Object.keys(data).length,
      accepted: n,
      rejected,
      detail: `${n} FSA points`,
    };
  },
};
