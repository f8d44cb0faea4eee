import { statutoryHoliday } from '../../domain/statutory-holidays.js';
import {
  hasSchedule,
  type HoursException,
  type OpeningHours,
  type Period,
  type WeeklyInterval,
} from './opening-hours.js';

/** A moment as a wall clock in one time zone reads it. */
interface LocalTime {
  date: string; // YYYY-MM-DD
  isoWeekday: number; // 1 = Monday ... 7 = Sunday
  minutes: number; // since local midnight
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        weekday: 'short',
        hourCycle: 'h23',
      });
    } catch {
      return null; // not a time zone this runtime knows
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock date, weekday and minute of `now` in `timeZone`; null for an unknown zone. */
export function localTime(now: Date, timeZone: string): LocalTime | null {
  const f = formatterFor(timeZone);
  if (!f) return null;
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(now)) parts[p.type] = p.value;
  const weekday = WEEKDAYS[parts['weekday'] ?? ''];
  if (!weekday) return null;
  return {
    date: `${parts['year']}-${parts['month']}-${parts['day']}`,
    isoWeekday: weekday,
    minutes: Number(parts['hour']) * 60 + Number(parts['minute']),
  };
}

function toMinutes(clock: string): number {
  return Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
}

/** The calendar day before `date` (YYYY-MM-DD), computed in UTC so no zone shifts it. */
function previousDate(date: string): { date: string; isoWeekday: number } {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return { date: d.toISOString().slice(0, 10), isoWeekday: d.getUTCDay() === 0 ? 7 : d.getUTCDay() };
}

function exceptionFor(hours: OpeningHours, date: string, province: string | null): HoursException | undefined {
  const list = hours.exceptions ?? [];
  // A one-off date wins over a yearly holiday on the same day, and both over the statutory calendar.
  const own = list.find((e) => e.date === date) ?? list.find((e) => e.date === date.slice(5));
  if (own) return own;
  if (!hours.closed_on_holidays) return undefined;
  const holiday = statutoryHoliday(province, date);
  return holiday ? { date, closed: true, label_en: holiday.name_en, label_fr: holiday.name_fr } : undefined;
}

/** The periods of one calendar day: its exception if it has one, else its weekday. */
function periodsOn(
  hours: OpeningHours & { weekly: { day: number; opens: string; closes: string }[] },
  date: string,
  isoWeekday: number,
  province: string | null,
): {
  periods: Period[];
  exception: HoursException | undefined;
} {
  const exception = exceptionFor(hours, date, province);
  if (exception) return { periods: exception.closed ? [] : (exception.periods ?? []), exception };
  return {
    periods: hours.weekly.filter((w) => w.day === isoWeekday).map(({ opens, closes }) => ({ opens, closes })),
    exception: undefined,
  };
}

const overnight = (p: Period) => toMinutes(p.closes) <= toMinutes(p.opens);

/**
 * Whether a point is open at `now`, reading its hours on the wall clock of
 * `timeZone` (so daylight-saving days need no special case: a period from
 * 08:00 to 17:00 is open from 08:00 local, whatever the UTC offset that day).
 * Periods that close past midnight keep the point open into the next day,
 * even when that next day is a holiday. Unknown hours or zone: null, never false.
 */
export function openNow(
  hours: OpeningHours | null,
  timeZone: string | null,
  now: Date = new Date(),
  province: string | null = null,
): boolean | null {
  if (!hasSchedule(hours)) return null;
  const tz = hours.time_zone ?? timeZone;
  if (!tz) return null;
  const t = localTime(now, tz);
  if (!t) return null;
  const today = periodsOn(hours, t.date, t.isoWeekday, province).periods;
  for (const p of today) {
    const opens = toMinutes(p.opens);
    if (overnight(p) ? t.minutes >= opens : t.minutes >= opens && t.minutes < toMinutes(p.closes)) return true;
  }
  const prev = previousDate(t.date);
  for (const p of periodsOn(hours, prev.date, prev.isoWeekday, province).periods) {
    if (overnight(p) && t.minutes < toMinutes(p.closes)) return true;
  }
  return false;
}

/** Today's hours of a point, ready for a person to read. */
export interface HoursToday {
  date: string;
  /** ISO weekday, 1 = Monday ... 7 = Sunday. */
  weekday: number;
  time_zone: string;
  closed: boolean;
  periods: Period[];
  /** Set when today differs from the regular week (a holiday, a closure, special hours). */
  exception: { label_en: string | null; label_fr: string | null } | null;
  /** "08:30–12:00, 13:00–16:30" or "Closed" / "8 h 30 – 12 h, 13 h – 16 h 30" or "Fermé". */
  text_en: string;
  text_fr: string;
}

function frenchClock(clock: string): string {
  const h = String(Number(clock.slice(0, 2)));
  const m = clock.slice(3, 5);
  return m === '00' ? `${h} h` : `${h} h ${m}`;
}

function nextDate(date: string, days: number): { date: string; isoWeekday: number } {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return { date: d.toISOString().slice(0, 10), isoWeekday: d.getUTCDay() === 0 ? 7 : d.getUTCDay() };
}

function dayOf(
  hours: OpeningHours & { weekly: WeeklyInterval[] },
  tz: string,
  date: string,
  isoWeekday: number,
  province: string | null,
): HoursToday {
  const { periods, exception } = periodsOn(hours, date, isoWeekday, province);
  const sorted = [...periods].sort((a, b) => toMinutes(a.opens) - toMinutes(b.opens));
  const closed = sorted.length === 0;
  return {
    date,
    weekday: isoWeekday,
    time_zone: tz,
    closed,
    periods: sorted,
    exception: exception ? { label_en: exception.label_en ?? null, label_fr: exception.label_fr ?? null } : null,
    text_en: closed ? 'Closed' : sorted.map((p) => `${p.opens}–${p.closes}`).join(', '),
    text_fr: closed ? 'Fermé' : sorted.map((p) => `${frenchClock(p.opens)} à ${frenchClock(p.closes)}`).join(', '),
  };
}

/**
 * The next `count` days from today on the point's own wall clock (today
 * first), each with its periods and, when it differs from the regular week, why:
 * a statutory holiday of the province, a closure or special hours the feed gave.
 */
export function hoursDays(
  hours: OpeningHours | null,
  timeZone: string | null,
  now: Date = new Date(),
  province: string | null = null,
  count = 7,
): HoursToday[] | null {
  if (!hasSchedule(hours)) return null;
  const tz = hours.time_zone ?? timeZone;
  if (!tz) return null;
  const t = localTime(now, tz);
  if (!t) return null;
  return Array.from({ length: count }, (_, i) => {
    const d = i === 0 ? { date: t.date, isoWeekday: t.isoWeekday } : nextDate(t.date, i);
    return dayOf(hours, tz, d.date, d.isoWeekday, province);
  });
}

/** What today looks like on the point's own wall clock; null when the hours or zone are unknown. */
export function hoursToday(
  hours: OpeningHours | null,
  timeZone: string | null,
  now: Date = new Date(),
  province: string | null = null,
): HoursToday | null {
  return hoursDays(hours, timeZone, now, province, 1)?.[0] ?? null;
}
