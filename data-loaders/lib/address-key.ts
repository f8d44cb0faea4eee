import { placeKey } from './place-key.js';

/** Street types as written in Canadian addresses (English and French, abbreviated or not) -> one spelling. */
const TYPES: Record<string, string> = {
  st: 'street',
  street: 'street',
  str: 'street',
  rd: 'road',
  road: 'road',
  ave: 'avenue',
  av: 'avenue',
  avenue: 'avenue',
  blvd: 'boulevard',
  boul: 'boulevard',
  bd: 'boulevard',
  boulevard: 'boulevard',
  dr: 'drive',
  drive: 'drive',
  cres: 'crescent',
  crescent: 'crescent',
  cr: 'crescent',
  crt: 'court',
  ct: 'court',
  court: 'court',
  pl: 'place',
  place: 'place',
  hwy: 'highway',
  highway: 'highway',
  ln: 'lane',
  lane: 'lane',
  pkwy: 'parkway',
  parkway: 'parkway',
  sq: 'square',
  square: 'square',
  terr: 'terrace',
  terrace: 'terrace',
  trail: 'trail',
  trl: 'trail',
  way: 'way',
  cir: 'circle',
  circle: 'circle',
  gate: 'gate',
  line: 'line',
  row: 'row',
  mews: 'mews',
  rue: 'rue',
  ch: 'chemin',
  chemin: 'chemin',
  rte: 'route',
  route: 'route',
  rang: 'rang',
  mont: 'montee',
  montee: 'montee',
};
const DIRECTIONS: Record<string, string> = {
  n: 'north',
  north: 'north',
  nord: 'north',
  s: 'south',
  south: 'south',
  sud: 'south',
  e: 'east',
  east: 'east',
  est: 'east',
  w: 'west',
  west: 'west',
  o: 'west',
  ouest: 'west',
  ne: 'northeast',
  nw: 'northwest',
  se: 'southeast',
  sw: 'southwest',
  no: 'northwest',
  so: 'southwest',
};

/**
 * One spelling of a street: its name words, then its type and direction
 * wherever they were written ("Main St. W", "MAIN STREET WEST" and
 * "rue Main Ouest" agree on the name, type and direction they carry).
 */
export function streetKey(street: string): string | null {
  // placeKey spells St. as Saint; undo that here, where "St" ends a street name as its type.
  const words = placeKey(street)
    .split(' ')
    .filter(Boolean)
    .map((w) => (w === 'saint' ? 'st' : w));
  if (words.length === 0) return null;
  let direction = '';
  const last = words[words.length - 1]!;
  if (words.length > 1 && DIRECTIONS[last]) {
    direction = DIRECTIONS[last]!;
    words.pop();
  }
  let type = '';
  const end = words[words.length - 1]!;
  if (words.length > 1 && TYPES[end]) {
    type = TYPES[end]!;
    words.pop();
  } else if (words.length > 1 && TYPES[words[0]!]) {
    type = TYPES[words[0]!]!;
    words.shift();
  }
  const name = words.map((w) => (w === 'st' ? 'saint' : w)).join(' ');
  return name ? `${name}|${type}|${direction}` : null;
}

/**
 * The civic number and street of a one-line address: "1250 Brant Street,
 * Unit 9A" -> 1250 / Brant Street; "4-123 Main St W" -> 123 / Main St W;
 * "123A rue Principale" -> 123A / rue Principale. Null without a civic number.
 */
export function civicAddress(line: string): { number: string; street: string } | null {
  const first = (line.split(',')[0] ?? '').replace(/\s+/g, ' ').trim();
  const m =
    /^(?:(?:unit|suite|apt|#)\s*\S+\s+)?(?:\d+[A-Za-z]?\s*-\s*)?(\d+[A-Za-z]?)(?:\s*-\s*\d+[A-Za-z]?)?,?\s+(.+)$/i.exec(
      first,
    );
  if (!m) return null;
  return { number: m[1]!.toUpperCase(), street: m[2]! };
}

/** The key an address is matched on: province|city|civic number|street. */
export function addressKey(province: string, city: string, streetLine: string): string | null {
  const civic = civicAddress(streetLine);
  if (!civic) return null;
  return addressKeyOf(province, city, civic.number, civic.street);
}

export function addressKeyOf(province: string, city: string, number: string, street: string): string | null {
  const s = streetKey(street);
  const c = placeKey(city);
  const n = number.trim().toUpperCase();
  if (!s || !c || !/^\d+[A-Z]?$/.test(n)) return null;
  return `${province}|${c}|${n}|${s}`;
}
