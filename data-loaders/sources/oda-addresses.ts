import { addressKeyOf } from '../lib/address-key.js';
import { isInCanada } from '../../domain/canada-check.js';
import { placeKey } from '../lib/place-key.js';
import { PROVINCES } from '../../domain/provinces.js';
import { readCsv } from '../lib/read-csv.js';
import type { Source } from './source.js';
import { sqlFile } from '../../db/sql-file.js';

export const ODA_SOURCE = 'oda';

interface AddressRow {
  source_key: string;
  province: string;
  match_key: string;
  full_address: string | null;
  city: string | null;
  postal_code: string | null;
  csd_code: string | null;
  lon: number;
  lat: number;
}

const clean = (v: string | undefined) => (v ?? '').replace(/\s+/g, ' ').trim();

/**
 * The street of an ODA row: the standardized parts (`str_name_pcs`,
 * `str_type_pcs`, `str_dir_pcs`) when present, else the raw parts, else the
 * `street` column. Providers fill different columns.
 */
function streetOf(r: Record<string, string>): string {
  const pcs = [r['str_name_pcs'], r['str_type_pcs'], r['str_dir_pcs']].map(clean).filter(Boolean);
  if (clean(r['str_name_pcs'])) return pcs.join(' ');
  const raw = [r['str_name'], r['str_type'], r['str_dir']].map(clean).filter(Boolean);
  if (clean(r['str_name'])) return raw.join(' ');
  return clean(r['street']);
}

/**
 * Statistics Canada's Open Database of Addresses (ODA), one CSV per province
 * or territory: civic number, street, city and coordinates of each address.
 * Loaded as an address gazetteer: a feed row without coordinates whose civic
 * address (number, street, city, province) is in it is located at that
 * address (geocode_quality 'address'). Each row is matched under each of its
 * city names (the provider's city, the standardized city and the census
 * subdivision), so "Fredericton" finds an address whatever column names it.
 * Loading a file replaces the ODA addresses of the provinces it contains and
 * leaves the others.
 */
export const odaAddresses: Source = {
  id: ODA_SOURCE,
  kind: 'gazetteer',
  order: 14,
  format: 'CSV (ODA layout)',
  title_en: 'Open Database of Addresses (Statistics Canada)',
  title_fr: 'Base de données ouvertes sur les adresses (Statistique Canada)',
  official_url: 'https://www.statcan.gc.ca/en/lode/databases/oda',
  licence: 'Open Government Licence – Canada',
  attribution_en:
    'Contains information licensed under the Open Government Licence – Canada (Statistics Canada, Open Database of Addresses).',
  attribution_fr:
    'Contient des informations visées par la Licence du gouvernement ouvert – Canada (Statistique Canada, Base de données ouvertes sur les adresses).',
  recognises: (p) => /(^|\/)ODA_[A-Z]{2}[^/]*\.csv$/i.test(p),
  async load({ db, file, log, onProgress }) {
    if (!file) {
      return {
        source: this.id,
        file: null,
        status: 'failed',
        rows: 0,
        accepted: 0,
        rejected: 0,
        detail: 'Give --file PATH (an ODA province CSV, e.g. ODA_NB_v1.csv).',
      };
    }
    const byPruid = new Map(PROVINCES.map((p) => [p.pruid, p.code]));
    let rows = 0;
    let rejected = 0;
    let keys = 0;
    const reasons: Record<string, number> = {};
    const reject = (why: string) => {
      rejected += 1;
      reasons[why] = (reasons[why] ?? 0) + 1;
    };
    const provinces = new Set<string>();
    await db.transaction(async (tx) => {
      let batch: AddressRow[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        await tx.query(sqlFile('address_points_insert_batch'), [JSON.stringify(batch), ODA_SOURCE]);
        batch = [];
      };
      for await (const { row, record } of readCsv(file)) {
        rows += 1;
        if (onProgress && rows % 50_000 === 0) onProgress(rows);
        const lat = Number(record['latitude']);
        const lon = Number(record['longitude']);
        const pruid = clean(record['pruid']) || clean(record['csduid']).slice(0, 2);
        const province = byPruid.get(pruid);
        const number = clean(record['street_no']).toUpperCase();
        const street = streetOf(record);
        if (!province) {
          reject('no province (pruid)');
          continue;
        }
        if (
          !Number.isFinite(lat) ||
          !Number.isFinite(lon) ||
          clean(record['latitude']) === '' ||
          !isInCanada(lon, lat)
        ) {
          reject('coordinates missing or outside Canada');
          continue;
        }
        if (!/^\d+[A-Z]?$/.test(number) || !street) {
          reject('no civic number and street');
          continue;
        }
        if (!provinces.has(province)) {
          // A province's file replaces that province's addresses, and only those.
          await flush();
          await tx.query(sqlFile('address_points_delete_province'), [ODA_SOURCE, province]);
          provinces.add(province);
        }
        const cities = [
          ...new Map(
            [record['city'], record['city_pcs'], record['csdname']]
              .map(clean)
              .filter(Boolean)
              .map((c) => [placeKey(c), c] as const),
          ).values(),
        ];
        if (cities.length === 0) {
          reject('no city');
          continue;
        }
        const id = clean(record['id']) || clean(record['source_id']) || `row-${row}`;
        const full = clean(record['full_addr']) || `${number} ${street}`;
        cities.forEach((city, i) => {
          const matchKey = addressKeyOf(province, city, number, street);
          if (!matchKey) return;
          keys += 1;
          batch.push({
            source_key: `${id}|${i}`,
            province,
            match_key: matchKey,
            full_address: `${full}, ${city}`,
            city,
            postal_code: clean(record['postal_code']) || null,
            csd_code: clean(record['csduid']) || null,
            lon,
            lat,
          });
        });
        if (batch.length >= 5000) await flush();
      }
      await flush();
    });
    onProgress?.(rows);
    const accepted = rows - rejected;
    if (rejected)
      log(
        `ODA: ${rejected} rows not usable (${Object.entries(reasons)
          .map(([k, n]) => `${k}: ${n}`)
          .join(', ')})`,
      );
    return {
      source: this.id,
      file,
      status: 'loaded',
      rows,
      accepted,
      rejected,
      detail: `${accepted} addresses (${keys} address keys) in ${[...provinces].sort().join(', ') || 'no province'}`,
    };
  },
};
