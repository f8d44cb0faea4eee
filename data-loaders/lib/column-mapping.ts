import { normalizeName } from '../../domain/normalize-name.js';

/** The fields of the working group's open-data layout that a feed's columns map onto. */
export const FEED_FIELDS = [
  'id',
  'name',
  'name_fr',
  'organization',
  'address',
  'address_2',
  'city',
  'province',
  'postal_code',
  'phone',
  'email',
  'website',
  'lat',
  'lon',
  'categories',
  'languages',
  'hours',
  'accessibility',
  'description',
  'closed_dates',
  'holidays',
] as const;
export type FeedField = (typeof FEED_FIELDS)[number];

/**
 * Header spellings seen in federal, provincial and municipal open-data files,
 * in English and French. Compared after normalizeName (accents, case and
 * punctuation ignored), so "Téléphone", "TELEPHONE" and "telephone" agree.
 */
const SYNONYMS: Record<FeedField, string[]> = {
  id: [
    'id',
    'identifier',
    'identifiant',
    'source id',
    'location id',
    'site id',
    'office id',
    'id du site',
    'id du bureau',
    'objectid',
    'object id',
    'fid',
    'uid',
    'numero',
    'no',
    'code',
    'location guid',
    'guid',
    'record id',
  ],
  name: [
    'name',
    'nom',
    'name en',
    'english name',
    'name english',
    'nom anglais',
    'site name',
    'location name',
    'office name',
    'facility name',
    'centre name',
    'center name',
    'nom du bureau',
    'nom du site',
    'nom du lieu',
    'nom du centre',
    'nom de l emplacement',
    'nom de l etablissement',
    'service point',
    'point de service',
    'title',
    'titre',
    'label',
    'libelle',
    'etablissement',
    'page header',
  ],
  name_fr: ['name fr', 'nom fr', 'french name', 'name french', 'nom francais', 'nom en francais', 'francais'],
  organization: [
    'organization',
    'organisation',
    'org',
    'organization name',
    'nom de l organisation',
    'agency',
    'agence',
    'ministry',
    'ministere',
    'department',
    'owner',
    'proprietaire',
    'provider',
    'fournisseur',
    'operator',
    'exploitant',
  ],
  address: [
    'address',
    'adresse',
    'street',
    'rue',
    'street address',
    'adresse municipale',
    'address 1',
    'address1',
    'address line 1',
    'adresse 1',
    'adresse ligne 1',
    'civic address',
    'adresse civique',
    'location address',
    'full address',
    'adresse complete',
    'addr',
  ],
  address_2: [
    'address 2',
    'address2',
    'address line 2',
    'adresse 2',
    'adresse ligne 2',
    'suite',
    'unit',
    'bureau no',
    'local',
  ],
  city: [
    'city',
    'ville',
    'municipality',
    'municipalite',
    'community',
    'communaute',
    'collectivite',
    'town',
    'localite',
    'locality',
    'city town',
    'place',
    'lieu',
  ],
  province: [
    'province',
    'prov',
    'province territory',
    'province or territory',
    'province ou territoire',
    'province territoire',
    'prov terr',
    'pt',
    'state',
    'state province',
    'region',
    'province code',
    'code de province',
  ],
  postal_code: [
    'postal code',
    'code postal',
    'postcode',
    'postal',
    'zip',
    'zip code',
    'cp',
    'postalcode',
    'codepostal',
  ],
  phone: [
    'phone',
    'telephone',
    'tel',
    'phone number',
    'telephone number',
    'numero de telephone',
    'no de telephone',
    'phone 1',
    'main phone',
    'telephone principal',
  ],
  email: [
    'email',
    'e mail',
    'courriel',
    'mail',
    'adresse courriel',
    'email address',
    'adresse electronique',
    'courrier electronique',
  ],
  website: [
    'website',
    'site web',
    'url',
    'web',
    'site internet',
    'lien',
    'link',
    'web site',
    'web address',
    'adresse web',
    'site',
    'page web',
    'webpage',
    'hyperlink',
    'hyperlien',
  ],
  lat: [
    'lat',
    'latitude',
    'y',
    'lat y',
    'point y',
    'y coordinate',
    'coord y',
    'latitude dd',
    'latitude wgs84',
    'decimal latitude',
  ],
  lon: [
    'lon',
    'long',
    'lng',
    'longitude',
    'x',
    'lon x',
    'long x',
    'point x',
    'x coordinate',
    'coord x',
    'longitude dd',
    'longitude wgs84',
    'decimal longitude',
  ],
  categories: [
    'services',
    'categories',
    'category',
    'categorie',
    'service',
    'type of service',
    'type de service',
    'types de service',
    'service types',
    'service type',
    'services offerts',
    'services offered',
    'programs',
    'programmes',
    'center type',
    'centre type',
    'type',
    'type de centre',
    'location type',
  ],
  languages: [
    'languages',
    'language',
    'langues',
    'langue',
    'service language',
    'service languages',
    'langue de service',
    'langues de service',
    'langues offertes',
    'languages offered',
    'center lang',
    'official languages',
    'langues officielles',
  ],
  hours: [
    'hours',
    'heures',
    'opening hours',
    'heures d ouverture',
    'horaire',
    'horaires',
    'schedule',
    'hours of operation',
    'business hours',
    'heures de service',
    'open hours',
  ],
  accessibility: [
    'accessibility',
    'accessibilite',
    'wheelchair accessible',
    'accessible',
    'acces fauteuil roulant',
    'accessible en fauteuil roulant',
    'wheelchair',
    'fauteuil roulant',
    'barrier free',
    'sans obstacle',
  ],
  closed_dates: [
    'closed dates',
    'closed on',
    'closures',
    'closure dates',
    'dates closed',
    'holiday closures',
    'special closures',
    'dates de fermeture',
    'fermetures',
    'jours de fermeture',
    'ferme le',
    'ferme les',
    'dates fermees',
  ],
  holidays: [
    'closed on holidays',
    'closed on statutory holidays',
    'closed statutory holidays',
    'statutory holidays',
    'stat holidays',
    'holidays',
    'public holidays',
    'jours feries',
    'ferme les jours feries',
    'conges feries',
    'ferme jours feries',
  ],
  description: ['description', 'notes', 'note', 'remarques', 'comments', 'commentaires', 'details'],
};

/** Apostrophes split words here ("Heures d’ouverture" = "heures d ouverture"), unlike in place names. */
const headerKey = (h: string) => normalizeName(h.replace(/[’'`]/g, ' '));

const BY_SYNONYM = new Map<string, FeedField>();
for (const field of FEED_FIELDS) {
  for (const s of SYNONYMS[field]) {
    const key = headerKey(s);
    if (!BY_SYNONYM.has(key)) BY_SYNONYM.set(key, field);
  }
}

function guessField(header: string): FeedField | undefined {
  const full = headerKey(header);
  if (!full) return undefined;
  const exact = BY_SYNONYM.get(full);
  if (exact) return exact;
  // "Latitude (WGS84)", "Téléphone / Telephone", "Name_EN": try the parts.
  const withoutParens = headerKey(header.replace(/\([^)]*\)/g, ' '));
  const hit = BY_SYNONYM.get(withoutParens);
  if (hit) return hit;
  for (const part of header.split(/[/|]/)) {
    const p = BY_SYNONYM.get(headerKey(part));
    if (p) return p;
  }
  // Bilingual suffixes: "nom_fr", "name-fr", "adresse_en".
  const lang = /^(.*)\s(en|fr|eng|fra|english|french|anglais|francais)$/.exec(full);
  if (lang) {
    const base = BY_SYNONYM.get(lang[1]!);
    const french = /^(fr|fra|french|francais)$/.test(lang[2]!);
    if (base === 'name') return french ? 'name_fr' : 'name';
    if (base) return base;
  }
  return undefined;
}

export interface ColumnMap {
  /** Our field -> the file's header that fills it. */
  fields: Partial<Record<FeedField, string>>;
  /** Headers that fill no field: kept in `extra`. */
  unmapped: string[];
}

function isFeedField(s: string): s is FeedField {
  return (FEED_FIELDS as readonly string[]).includes(s);
}

/**
 * Maps a file's headers onto our fields by synonym, then applies an explicit
 * override. The override may be written either way round ({name: "Nom du
 * site"} or {"Nom du site": "name"}): stewards write both.
 */
export function mapColumns(headers: readonly string[], override: Record<string, string> = {}): ColumnMap {
  const fields: Partial<Record<FeedField, string>> = {};
  const used = new Set<string>();
  const normHeaders = new Map(headers.map((h) => [headerKey(h), h]));
  const exact = new Set(headers);
  const findHeader = (h: string) => (exact.has(h) ? h : normHeaders.get(headerKey(h)));
  for (const [k, v] of Object.entries(override)) {
    if (isFeedField(k)) {
      const h = findHeader(v);
      if (h) {
        fields[k] = h;
        used.add(h);
      }
    } else if (isFeedField(v)) {
      const h = findHeader(k);
      if (h) {
        fields[v] = h;
        used.add(h);
      }
    }
  }
  for (const h of headers) {
    if (used.has(h)) continue;
    const f = guessField(h);
    // The first column to claim a field keeps it; later look-alikes stay in `extra`.
    if (f && !fields[f]) {
      fields[f] = h;
      used.add(h);
    }
  }
  return { fields, unmapped: headers.filter((h) => !used.has(h)) };
}
