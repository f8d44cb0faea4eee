import { normalizeName } from '../../domain/normalize-name.js';

/** Letters that Unicode does not decompose into a base letter and an accent. */
const LETTERS: Record<string, string> = {
  œ: 'oe',
  Œ: 'Oe',
  æ: 'ae',
  Æ: 'Ae',
  ł: 'l',
  Ł: 'L',
  ø: 'o',
  Ø: 'O',
  ß: 'ss',
  ı: 'i',
};

/** Abbreviations people write in place names, spelled out ("St. Stephen", "Baie St- Paul", "Ste-Foy"). */
const WORDS: Record<string, string> = {
  st: 'saint',
  ste: 'sainte',
  sts: 'saints',
  mt: 'mount',
  ft: 'fort',
  pt: 'point',
};

/**
 * The geocoder's matching key for a place name: accents and case folded,
 * punctuation as spaces, ligatures and barred letters spelled out
 * ("Sacré-Cœur" = "Sacre-Coeur", "Łutselk'e" = "Lutselk'e"), and
 * St./Ste./Mt./Ft. abbreviations spelled out ("St. Stephen" = "Saint Stephen").
 */
export function placeKey(name: string): string {
  const spelled = name.replace(/[œŒæÆłŁøØßı]/g, (c) => LETTERS[c] ?? c);
  return normalizeName(spelled)
    .split(' ')
    .map((w) => WORDS[w] ?? w)
    .join(' ');
}
