/**
 * A matching key for names: accents removed, case folded, punctuation and
 * repeated spaces collapsed ("Île-à-la-Crosse" and "ILE A LA CROSSE" agree).
 */
export function normalizeName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’'`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
