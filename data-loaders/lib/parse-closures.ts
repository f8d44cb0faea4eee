/** A date a point is closed, as stored in `hours.exceptions` (server/queries/opening-hours.ts). */
export interface ClosedDate {
  /** "YYYY-MM-DD", or "MM-DD" for the same date every year. */
  date: string;
  closed: true;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  janvier: 1,
  janv: 1,
  feb: 2,
  february: 2,
  fevrier: 2,
  fevr: 2,
  fev: 2,
  mar: 3,
  march: 3,
  mars: 3,
  apr: 4,
  april: 4,
  avril: 4,
  avr: 4,
  may: 5,
  mai: 5,
  jun: 6,
  june: 6,
  juin: 6,
  jul: 7,
  july: 7,
  juillet: 7,
  juil: 7,
  aug: 8,
  august: 8,
  aout: 8,
  sep: 9,
  sept: 9,
  september: 9,
  septembre: 9,
  oct: 10,
  october: 10,
  octobre: 10,
  nov: 11,
  november: 11,
  novembre: 11,
  dec: 12,
  december: 12,
  decembre: 12,
};
const MONTH = `(${Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|')})`;
const ISO = /\b(\d{4})-(\d{2})-(\d{2})\b/g;
/** "December 25, 2026", "Dec 25" */
const MONTH_DAY = new RegExp(`\\b${MONTH}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b`, 'g');
/** "25 décembre 2026", "1er juillet", "25 Dec 2026" */
const DAY_MONTH = new RegExp(`\\b(\\d{1,2})(?:er|e)?\\s+${MONTH}\\.?(?:\\s+(\\d{4}))?\\b`, 'g');

const pad = (n: number) => String(n).padStart(2, '0');

function valid(year: number | null, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const last = new Date(Date.UTC(year ?? 2024, month, 0)).getUTCDate(); // 2024: a leap year allows 02-29 yearly
  return day <= last && (year === null || (year >= 2000 && year <= 2100));
}

/**
 * Reads a feed's column of closed dates, in English or French:
 * "2026-12-24; 2026-12-31", "December 24, 2026 and December 31",
 * "24 décembre 2026, 1er janvier". A date without a year recurs every year.
 * Returns the dates (sorted, no repeats) and whether any text was not a date.
 */
export function parseClosedDates(text: string): { dates: ClosedDate[]; unread: boolean } {
  const t = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  const found = new Set<string>();
  let rest = t;
  const take = (re: RegExp, toDate: (m: RegExpMatchArray) => [number | null, number, number] | null) => {
    for (const m of rest.matchAll(re)) {
      const d = toDate(m);
      if (d && valid(...d))
        found.add(d[0] === null ? `${pad(d[1])}-${pad(d[2])}` : `${d[0]}-${pad(d[1])}-${pad(d[2])}`);
    }
    rest = rest.replace(re, ' ');
  };
  take(ISO, (m) => [Number(m[1]), Number(m[2]), Number(m[3])]);
  take(MONTH_DAY, (m) => [m[3] ? Number(m[3]) : null, MONTHS[m[1]!]!, Number(m[2])]);
  take(DAY_MONTH, (m) => [m[3] ? Number(m[3]) : null, MONTHS[m[2]!]!, Number(m[1])]);
  // What is left should be separators and joining words only.
  const unread = /[a-z0-9]/.test(rest.replace(/\b(and|et|or|ou|closed|ferme|fermes|fermee|on|le|les|the)\b/g, ' '));
  return { dates: [...found].sort().map((date) => ({ date, closed: true as const })), unread };
}

const YES = /^(y|yes|true|1|oui|o|vrai|x)$/;
const NO = /^(n|no|false|0|non|faux)$/;

/** A yes/no column ("Closed on statutory holidays": yes / oui / no / non); null when it says neither. */
export function readYesNo(text: string): boolean | null {
  const t = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase();
  if (YES.test(t)) return true;
  if (NO.test(t)) return false;
  return null;
}

/** Hours text that says the point closes on statutory holidays, in English or French. */
export function saysClosedOnHolidays(text: string): boolean {
  const t = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  return /closed (on )?(all )?(statutory|public|stat|general)( and civic)? holidays|holidays:? closed|ferme (les )?(jours )?(feries|de conge)|jours feries\s*:?\s*ferme|conges feries\s*:?\s*ferme/.test(
    t,
  );
}
