import { findProvince } from '../../domain/provinces.js';
import { readCsv } from '../lib/read-csv.js';
import { replacePlaces, type PlaceInput } from '../lib/replace-places.js';
import type { Source } from './source.js';

/** simplemaps.com Canada Cities Database (Basic): 1,700+ places with population and FSAs served. */
export const gazetteerSimplemaps: Source = {
  id: 'gazetteer-simplemaps',
  kind: 'gazetteer',
  order: 11,
  title_en: 'Canada Cities Database (simplemaps.com, Basic)',
  title_fr: 'Base de données des villes du Canada (simplemaps.com, Basic)',
  official_url: 'https://simplemaps.com/data/canada-cities',
  licence: 'CC BY 4.0',
  attribution_en: 'Places: simplemaps.com Canada Cities Database (CC BY 4.0).',
  attribution_fr: 'Lieux : simplemaps.com Canada Cities Database (CC BY 4.0).',
  recognises: (p) => /canadacities\.csv$/i.test(p),
  async load({ db, file }) {
    if (!file) {
      return {
        source: this.id,
        file: null,
        status: 'failed',
        rows: 0,
        accepted: 0,
        rejected: 0,
        detail: 'Give --file PATH (canadacities.csv); the download needs a web form.',
      };
    }
    const places: PlaceInput[] = [];
    let rows = 0;
    let rejected = 0;
    for await (const { record } of readCsv(file)) {
      rows += 1;
      const lat = Number(record['lat']);
      const lon = Number(record['lng']);
      const province = findProvince(record['province_id']);
      const name = (record['city'] ?? '').trim();
      if (!name || !Number.isFinite(lat) || !Number.isFinite(lon) || record['lat'] === '' || record['lng'] === '') {
        rejected += 1;
        continue;
      }
      const population = record['population'] ? Number(record['population']) : NaN;
      places.push({
        kind: 'community',
        name,
        name_fr: null,
        province: province?.code ?? null,
        population: Number.isFinite(population) ? Math.round(population) : null,
        lon,
        lat,
        source_key: record['id'] || `${name}|${record['province_id']}`,
      });
    }
    const n = await db.transaction((tx) => replacePlaces(tx, this.id, places));
    return { source: this.id, file, status: 'loaded', rows, accepted: n, rejected, detail: `${n} places` };
  },
};
