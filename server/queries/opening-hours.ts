import { z } from 'zod';

/**
 * The structured opening hours stored in `service_points.hours` (docs/hours.md).
 * It extends what the feed loaders write (`{text, weekly}`), so every stored
 * value the loaders produce reads here unchanged.
 */
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a local time HH:MM (00:00 to 24:00)');

export const periodSchema = z.object({ opens: clock, closes: clock });

export const weeklyIntervalSchema = periodSchema.extend({
  /** ISO weekday: 1 = Monday ... 7 = Sunday. */
  day: z.number().int().min(1).max(7),
});

export const hoursExceptionSchema = z.object({
  /** "YYYY-MM-DD" for one date, or "MM-DD" for the same date every year (a fixed holiday). */
  date: z.string().regex(/^(\d{4}-)?(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'YYYY-MM-DD or MM-DD'),
  closed: z.boolean().optional(),
  /** The periods of that date; empty or absent with closed = true: closed all day. */
  periods: z.array(periodSchema).max(12).optional(),
  label_en: z.string().max(200).optional(),
  label_fr: z.string().max(200).optional(),
});

export const openingHoursSchema = z.object({
  /** The hours as the feed wrote them, for people to read when nothing else is known. */
  text: z.string().max(2000).optional(),
  /** Regular week: any number of periods per day; a day with none is closed. */
  weekly: z.array(weeklyIntervalSchema).max(100).optional(),
  /** Dates that differ from the regular week: holidays, closures, special hours. */
  exceptions: z.array(hoursExceptionSchema).max(400).optional(),
  /** Closed on the statutory holidays of the point's province (expanded at read time, year after year). */
  closed_on_holidays: z.boolean().optional(),
  /** IANA zone of these times when it differs from the point's (rare). */
  time_zone: z
    .string()
    .regex(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/)
    .optional(),
});

export type Period = z.infer<typeof periodSchema>;
export type WeeklyInterval = z.infer<typeof weeklyIntervalSchema>;
export type HoursException = z.infer<typeof hoursExceptionSchema>;
export type OpeningHours = z.infer<typeof openingHoursSchema>;

/**
 * Reads a stored value into opening hours; anything unreadable is null
 * (unknown), so a malformed feed never makes a point look closed.
 * A period whose closing time is not after its opening time runs past
 * midnight ("22:00"-"02:00"); "00:00"-"24:00" is the whole day; equal times are
 * meaningless and dropped.
 */
export function parseOpeningHours(value: unknown): OpeningHours | null {
  if (value === null || value === undefined) return null;
  // Rows kept in memory (the nearest index) pass the same hours object on every request: parse it once.
  const cached = typeof value === 'object' ? parsedHours.get(value) : undefined;
  if (cached !== undefined) return cached;
  const parsed = openingHoursSchema.safeParse(typeof value === 'string' ? { text: value } : value);
  let result: OpeningHours | null = null;
  if (parsed.success) {
    const h = parsed.data;
    const usable = (p: Period) => p.opens !== p.closes && p.opens !== '24:00';
    result = {
      ...h,
      ...(h.weekly ? { weekly: h.weekly.filter(usable) } : {}),
      ...(h.exceptions
        ? { exceptions: h.exceptions.map((e) => (e.periods ? { ...e, periods: e.periods.filter(usable) } : e)) }
        : {}),
    };
  }
  if (typeof value === 'object') parsedHours.set(value, result);
  return result;
}

/** Parsed hours by the stored value they came from; read only, forgotten with the value. */
const parsedHours = new WeakMap<object, OpeningHours | null>();

/** True when the hours say when the point is open (a regular week is known). */
export function hasSchedule(h: OpeningHours | null): h is OpeningHours & { weekly: WeeklyInterval[] } {
  return h !== null && Array.isArray(h.weekly) && h.weekly.length > 0;
}
