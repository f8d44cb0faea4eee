import path from 'node:path';
import { fileChecksum } from '../lib/file-checksum.js';
import { importRows } from '../lib/import-feed.js';
import type { FeedSpec } from '../lib/point-record.js';
import { rowIssue } from '../lib/row-issue.js';
import { streamJsonElements } from '../lib/stream-json-elements.js';
import type { RawFeedRow } from '../lib/validate-row.js';
import type { Source } from './source.js';
import { resultOf } from './result-of.js';

export const SERVICEONTARIO_FEED: FeedSpec = {
  id: 'serviceontario-locations',
  jurisdiction_id: 'ca-on',
  name_en: 'ServiceOntario and partner locations',
  name_fr: 'Emplacements de ServiceOntario et de ses partenaires',
  format: 'adapter',
  adapter: 'serviceontario-locations',
  source_url: 'https://www.ontario.ca/locations/serviceontario/',
  licence: '© King’s Printer for Ontario; no open licence established for this snapshot',
  attribution_en: 'Locations: Government of Ontario (ServiceOntario location finder).',
  attribution_fr: 'Emplacements : gouvernement de l’Ontario (localisateur de ServiceOntario).',
};

/** Each location type: a name for one office in both languages, and the services offered there. */
const TYPES: Record<string, { en: string; fr: string; categories: string[] }> = {
  SO_CNTR: {
    en: 'ServiceOntario centre',
    fr: 'Centre ServiceOntario',
    categories: [
      'drivers_licence',
      'vehicle_registration',
      'health_card',
      'photo_id_card',
      'vital_statistics',
      'business_registration',
      'hunting_fishing_licence',
    ],
  },
  SO_SP: {
    en: 'ServiceOntario centre',
    fr: 'Centre ServiceOntario',
    categories: ['drivers_licence', 'vehicle_registration', 'health_card', 'photo_id_card', 'hunting_fishing_licence'],
  },
  LRO: { en: 'Land Registry Office', fr: 'Bureau d’enregistrement immobilier', categories: ['land_registry'] },
  LIBRARY: { en: 'Public library', fr: 'Bibliothèque publique', categories: ['library_services'] },
  SBEC: {
    en: 'Small Business Enterprise Centre',
    fr: 'Centre d’encadrement des petites entreprises',
    categories: ['business_registration'],
  },
  CFDC: {
    en: 'Community Futures Development Corporation',
    fr: 'Société d’aide au développement des collectivités',
    categories: ['business_registration'],
  },
  MNCPL: { en: 'Municipal office', fr: 'Bureau municipal', categories: ['municipal_permits'] },
  MOF: { en: 'Ministry of Finance office', fr: 'Bureau du ministère des Finances', categories: ['tax_services'] },
  CPPSB: { en: 'ServiceOntario partner office', fr: 'Bureau partenaire de ServiceOntario', categories: [] },
};

interface SoRecord {
  id?: unknown;
  city?: unknown;
  name?: unknown;
  locationGuid?: unknown;
  locationType?: { code?: unknown; name?: unknown };
}

/**
 * The ontario.ca location-finder records: no coordinates and no postal code;
 * `name` is the street address, sometimes with a suffix naming the office
 * ("1 Stone Road West, Wellington - Land Registry Office #61"). Located by city.
 */
export async function* serviceOntarioRows(file: string): AsyncGenerator<RawFeedRow> {
  for await (const { index, value } of streamJsonElements(file, { keys: ['locations', 'data'] })) {
    const r = (value ?? {}) as SoRecord;
    const row = index + 1;
    const code = typeof r.locationType?.code === 'string' ? r.locationType.code.trim() : '';
    const type = TYPES[code];
    const raw = typeof r.name === 'string' ? r.name.replace(/\s+/g, ' ').trim() : '';
    const dash = raw.lastIndexOf(' - ');
    const street = dash > 0 ? raw.slice(0, dash) : raw;
    const suffix = dash > 0 ? raw.slice(dash + 3) : '';
    const city = typeof r.city === 'string' ? r.city.trim() : '';
    const typeName =
      type?.en ?? (typeof r.locationType?.name === 'string' ? r.locationType.name.trim() : 'Service location');
    const issues = type ? [] : [rowIssue(row, 'locationType.code', code, 'unknown_category')];
    yield {
      row,
      values: {
        id:
          r.id === undefined || r.id === null
            ? typeof r.locationGuid === 'string'
              ? r.locationGuid
              : null
            : String(r.id),
        name: raw
          ? suffix && /office|centre|center|#/i.test(suffix)
            ? `${suffix} (${city})`
            : `${typeName} – ${city || street}`
          : null,
        name_fr: type && raw ? `${type.fr} – ${city || street}` : null,
        organization: code.startsWith('SO_') ? 'ServiceOntario' : typeName,
        address: street || null,
        city: city || null,
        province: 'ON',
        categories: type?.categories.join(';') ?? null,
      },
      extra: { location_type: code, location_guid: r.locationGuid ?? null, name_as_given: raw },
      issues,
    };
  }
}

export const serviceOntarioLocations: Source = {
  id: 'serviceontario-locations',
  kind: 'feed',
  order: 101,
  format: 'JSON (ontario.ca location finder)',
  title_en: 'ServiceOntario and partner locations (ontario.ca location finder)',
  title_fr: 'Emplacements de ServiceOntario et partenaires (localisateur d’ontario.ca)',
  jurisdiction_id: 'ca-on',
  official_url: SERVICEONTARIO_FEED.source_url ?? null,
  licence: SERVICEONTARIO_FEED.licence ?? '',
  attribution_en: SERVICEONTARIO_FEED.attribution_en ?? '',
  attribution_fr: SERVICEONTARIO_FEED.attribution_fr ?? '',
  recognises: (p) => /(^|\/)serviceontario\/data\.json$/i.test(p),
  async load({ db, file, gazetteer, onProgress }) {
    if (!file) {
      return {
        source: this.id,
        file: null,
        status: 'failed',
        rows: 0,
        accepted: 0,
        rejected: 0,
        detail: 'The location finder has no open-data download: give --file PATH (its JSON).',
      };
    }
    const checksum = await fileChecksum(file);
    const outcome = await importRows(db, SERVICEONTARIO_FEED, {
      checksum,
      sourceName: path.basename(file),
      publish: true,
      gazetteer,
      onProgress,
      rows: () => serviceOntarioRows(file),
    });
    return resultOf(this.id, file, outcome);
  },
};
