import { Gazetteer } from '../lib/gazetteer.js';
import { normalizePostalCode } from '../lib/postal-code.js';
import { findProvince } from '../../domain/provinces.js';
import { readCsv } from '../lib/read-csv.js';
import { replacePlaces, type PlaceInput } from '../lib/replace-places.js';
import type { Source } from './source.js';

/**
 * First Nations (band list with mailing addresses) as indigenous_community
 * places, so the search finds them and the census loader can name-match
 * reserves. These are mailing addresses: located at the postal code's FSA
 * point, else the city; the rest are listed, not guessed.
 */
export const firstNationsList: Source = {
  id: 'first-nations-list',
  kind: 'gazetteer',
  order: 15,
  format: 'CSV',
  title_en: 'First Nations (band list with mailing addresses)',
  title_fr: 'Premières Nations (liste des bandes et adresses postales)',
  official_url: 'https://open.canada.ca/data/en/dataset/b6567c5c-8339-4055-99fa-63f92114d9e4',
  licence: 'Open Government Licence – Canada (official First Nations Location layer); this list states no licence',
  attribution_en: 'Contains information licensed under the Open Government Licence – Canada.',
  attribution_fr: 'Contient des informations visées par la Licence du gouvernement ouvert – Canada.',
  recognises: (p) => /ListFirstNations\.csv$/i.test(p) || /first-nations-list\/[^/]*\.csv$/i.test(p),
  async load({ db, file, log }) {
    if (!file)
      return {
        source: this.id,
        file: null,
        status: 'failed',
        rows: 0,
        accepted: 0,
        rejected: 0,
        detail: 'Give --file PATH (the band list CSV).',
      };
    const gazetteer = await Gazetteer.fromDatabase(db);
    const places: PlaceInput[] = [];
    const notLocated: string[] = [];
    let rows = 0;
    let byPostal = 0;
    let byCity = 0;
    for await (const { record } of readCsv(file)) {
      rows += 1;
      const name = (record['Name'] ?? '')
        .replace(/\uFFFD/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
      const province = findProvince(record['Province'])?.code ?? findProvince(record['Region'])?.code ?? null;
      const postal = normalizePostalCode(record['Postal Code']);
      const city = (record['City'] ?? '').trim();
      let point = gazetteer.postalCode(postal);
      if (point) byPostal += 1;
      else if ((point = gazetteer.community(city, province))) byCity += 1;
      if (!name || !point) {
        notLocated.push(name || `row ${rows}`);
        continue;
      }
      places.push({
        kind: 'indigenous_community',
        name,
        province,
        population: null,
        lon: point.lon,
        lat: point.lat,
        source_key: record['Band number'] || name,
      });
    }
    const n = await db.transaction((tx) => replacePlaces(tx, this.id, places));
    if (notLocated.length)
      log(`First Nations not located (${notLocated.length}): ${notLocated.slice(0, 20).join('; ')}`);
    return {
      source: this.id,
      file,
      status: 'loaded',
      rows,
      accepted: n,
      rejected: notLocated.length,
      detail: `${n} First Nations located (postal code ${byPostal}, city ${byCity}), ${notLocated.length} not located`,
    };
  },
};
