/** Canadian postal code letters: no D, F, I, O, Q or U; W and Z never first. */
const POSTAL = /^([ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z])\s*-?\s*(\d[ABCEGHJ-NPRSTV-Z]\d)$/;
const FSA = /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]$/;

/** "v2t6t6" -> "V2T 6T6"; null when it is not a valid postal code. */
export function normalizePostalCode(text: string | null | undefined): string | null {
  if (!text) return null;
  const m = POSTAL.exec(text.trim().toUpperCase());
  return m ? `${m[1]} ${m[2]}` : null;
}

/** The forward sortation area (first three characters) of a postal code or FSA. */
export function forwardSortationArea(text: string | null | undefined): string | null {
  if (!text) return null;
  const t = text.trim().toUpperCase();
  const full = normalizePostalCode(t);
  if (full) return full.slice(0, 3);
  return FSA.test(t) ? t : null;
}

/** A postal code found anywhere in a block of text (an address), normalised. */
export function findPostalCode(text: string): string | null {
  const m = /\b([ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z])\s?(\d[ABCEGHJ-NPRSTV-Z]\d)\b/i.exec(text);
  return m ? `${m[1]!.toUpperCase()} ${m[2]!.toUpperCase()}` : null;
}
