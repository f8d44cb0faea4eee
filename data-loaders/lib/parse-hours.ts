import { saysClosedOnHolidays } from './parse-closures.js';

/** One opening interval: ISO weekday (1 = Monday ... 7 = Sunday), local "HH:MM" times. */
export interface OpeningInterval {
  day: number;
  opens: string;
  closes: string;
}

/**
 * How hours are stored on a service point (service_points.hours): the text the
 * feed gave, and, when it could be read, the weekly intervals that open_now
 * and the detail card use. Times are local to the point's province.
 */
export interface StoredHours {
  text: string;
  weekly?: OpeningInterval[];
  /** Dates the point is closed ("YYYY-MM-DD", or "MM-DD" every year), from the feed. */
  exceptions?: { date: string; closed: true }[];
  /** Closed on the statutory holidays of the point's province (expanded when read, every year). */
  closed_on_holidays?: boolean;
}

const DAYS: Record<string, number> = {
  mon: 1,
  monday: 1,
  lun: 1,
  lundi: 1,
  tue: 2,
  tues: 2,
  tuesday: 2,
  mar: 2,
  mardi: 2,
  wed: 3,
  wednesday: 3,
  mer: 3,
  mercredi: 3,
  thu: 4,
  thur: 4,
  thurs: 4,
  thursday: 4,
  jeu: 4,
  jeudi: 4,
  fri: 5,
  friday: 5,
  ven: 5,
  vendredi: 5,
  sat: 6,
  saturday: 6,
  sam: 6,
  samedi: 6,
  sun: 7,
  sunday: 7,
  dim: 7,
  dimanche: 7,
};

const DAY =
  '(mon|monday|tue|tues|tuesday|wed|wednesday|thu|thur|thurs|thursday|fri|friday|sat|saturday|sun|sunday|lun|lundi|mar|mardi|mer|mercredi|jeu|jeudi|ven|vendredi|sam|samedi|dim|dimanche)';
const TIME = '(\\d{1,2})(?:\\s*(?:h|:)\\s*(\\d{2})?)?\\s*(am|pm|a m|p m)?';
const SEGMENT = new RegExp(
  `${DAY}(?:\\s*(?:-|to|a|au|through)\\s*${DAY})?\\s*:?\\s*${TIME}\\s*(?:-|to|a|au)\\s*${TIME}`,
  'g',
);

function clock(h: string | undefined, m: string | undefined, ampm: string | undefined): string | null {
  let hour = Number(h);
  const minute = m ? Number(m) : 0;
  if (!Number.isInteger(hour) || minute > 59) return null;
  const suffix = ampm?.replace(/\s/g, '');
  if (suffix === 'pm' && hour < 12) hour += 12;
  if (suffix === 'am' && hour === 12) hour = 0;
  if (hour > 24) return null;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** Reads "Mon-Fri 8:30-16:30; Sat 9 am - 12 pm" or "lun au ven 8 h 30 à 16 h 30" into weekly intervals. */
export function parseHours(text: string): StoredHours {
  // normalizeName turns "8:30" into "8 30"; keep the colon and the hyphen for the pattern.
  const t = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[–—]/g, '-')
    .replace(/\./g, '')
    .replace(/[,;]/g, ' ; ');
  const weekly: OpeningInterval[] = [];
  for (const m of t.matchAll(SEGMENT)) {
    const from = DAYS[m[1] ?? ''];
    const to = m[2] ? DAYS[m[2]] : from;
    let opens = clock(m[3], m[4], m[5]);
    let closes = clock(m[6], m[7], m[8]);
    if (!from || !to || !opens || !closes) continue;
    // "8:30 - 4:30" without am/pm: an office does not close before it opens.
    if (closes <= opens && !m[8] && Number(m[6]) < 12) closes = clock(String(Number(m[6]) + 12), m[7], undefined);
    if (!closes || closes <= opens) continue;
    if (opens === '24:00') opens = '00:00';
    for (let d = from; ; d = (d % 7) + 1) {
      weekly.push({ day: d, opens, closes });
      if (d === to) break;
    }
  }
  const holidays = saysClosedOnHolidays(text) ? { closed_on_holidays: true } : {};
  return weekly.length > 0 ? { text, weekly, ...holidays } : { text, ...holidays };
}
