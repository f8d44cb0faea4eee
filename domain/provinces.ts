/** Canada's provinces and territories: postal abbreviation, names, StatCan code, GeoNames admin1 code. */
export interface Province {
  code: string;
  name_en: string;
  name_fr: string;
  pruid: string;
  geonames: string;
  timezone: string;
}

export const PROVINCES: readonly Province[] = [
  {
    code: 'NL',
    name_en: 'Newfoundland and Labrador',
    name_fr: 'Terre-Neuve-et-Labrador',
    pruid: '10',
    geonames: '05',
    timezone: 'America/St_Johns',
  },
  {
    code: 'PE',
    name_en: 'Prince Edward Island',
    name_fr: 'Île-du-Prince-Édouard',
    pruid: '11',
    geonames: '09',
    timezone: 'America/Halifax',
  },
  {
    code: 'NS',
    name_en: 'Nova Scotia',
    name_fr: 'Nouvelle-Écosse',
    pruid: '12',
    geonames: '07',
    timezone: 'America/Halifax',
  },
  {
    code: 'NB',
    name_en: 'New Brunswick',
    name_fr: 'Nouveau-Brunswick',
    pruid: '13',
    geonames: '04',
    timezone: 'America/Moncton',
  },
  { code: 'QC', name_en: 'Quebec', name_fr: 'Québec', pruid: '24', geonames: '10', timezone: 'America/Toronto' },
  { code: 'ON', name_en: 'Ontario', name_fr: 'Ontario', pruid: '35', geonames: '08', timezone: 'America/Toronto' },
  { code: 'MB', name_en: 'Manitoba', name_fr: 'Manitoba', pruid: '46', geonames: '03', timezone: 'America/Winnipeg' },
  {
    code: 'SK',
    name_en: 'Saskatchewan',
    name_fr: 'Saskatchewan',
    pruid: '47',
    geonames: '11',
    timezone: 'America/Regina',
  },
  { code: 'AB', name_en: 'Alberta', name_fr: 'Alberta', pruid: '48', geonames: '01', timezone: 'America/Edmonton' },
  {
    code: 'BC',
    name_en: 'British Columbia',
    name_fr: 'Colombie-Britannique',
    pruid: '59',
    geonames: '02',
    timezone: 'America/Vancouver',
  },
  { code: 'YT', name_en: 'Yukon', name_fr: 'Yukon', pruid: '60', geonames: '12', timezone: 'America/Whitehorse' },
  {
    code: 'NT',
    name_en: 'Northwest Territories',
    name_fr: 'Territoires du Nord-Ouest',
    pruid: '61',
    geonames: '13',
    timezone: 'America/Yellowknife',
  },
  { code: 'NU', name_en: 'Nunavut', name_fr: 'Nunavut', pruid: '62', geonames: '14', timezone: 'America/Iqaluit' },
];

import { normalizeName } from './normalize-name.js';

const byAnyName = new Map<string, Province>();
for (const p of PROVINCES) {
  for (const key of [p.code, p.name_en, p.name_fr, p.pruid]) byAnyName.set(normalizeName(key), p);
}
// Spellings seen in real feeds.
for (const [alias, code] of [
  ['Yukon Territory', 'YT'],
  ['Northwest Territory', 'NT'],
  ['Nunavut Territory', 'NU'],
  ['Newfoundland', 'NL'],
  ['PEI', 'PE'],
  ['P.E.I.', 'PE'],
  ['Que', 'QC'],
  ['Qué', 'QC'],
  ['PQ', 'QC'],
  ['Ont', 'ON'],
  ['Man', 'MB'],
  ['Sask', 'SK'],
  ['Alta', 'AB'],
  ['B.C.', 'BC'],
  ['N.S.', 'NS'],
  ['N.B.', 'NB'],
  ['NF', 'NL'],
  ['NWT', 'NT'],
  ['N.W.T.', 'NT'],
  ['Labrador', 'NL'],
] as const) {
  const p = PROVINCES.find((x) => x.code === code);
  if (p) byAnyName.set(normalizeName(alias), p);
}

/** Finds a province by code, English or French name, StatCan code or a common abbreviation. */
export function findProvince(text: string | null | undefined): Province | undefined {
  if (!text) return undefined;
  return byAnyName.get(normalizeName(text));
}

/** The province of an FSA from its first letter (X is split NT/NU; the point decides later). */
export const PROVINCE_BY_LETTER: Record<string, string> = {
  A: 'NL',
  B: 'NS',
  C: 'PE',
  E: 'NB',
  G: 'QC',
  H: 'QC',
  J: 'QC',
  K: 'ON',
  L: 'ON',
  M: 'ON',
  N: 'ON',
  P: 'ON',
  R: 'MB',
  S: 'SK',
  T: 'AB',
  V: 'BC',
  X: 'NT',
  Y: 'YT',
};
