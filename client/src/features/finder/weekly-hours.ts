/** Opening hours reduced to what a person reads: for each day of the week, its periods. */
export interface WeeklyHours {
  /** Index 0 is Sunday, as Date.getDay() counts; each day a list of "HH:MM" pairs (empty: closed). */
  days: ({ opens: string; closes: string }[] | null)[];
  /** Free text the feed gave instead of (or beside) a schedule. */
  note: string | null;
}

const DAY_NAMES: Record<string, number> = {
  su: 0,
  sun: 0,
  sunday: 0,
  dimanche: 0,
  di: 0,
  mo: 1,
  mon: 1,
  monday: 1,
  lundi: 1,
  lu: 1,
  tu: 2,
  tue: 2,
  tuesday: 2,
  mardi: 2,
  ma: 2,
  we: 3,
  wed: 3,
  wednesday: 3,
  mercredi: 3,
  me: 3,
  th: 4,
  thu: 4,
  thursday: 4,
  jeudi: 4,
  je: 4,
  fr: 5,
  fri: 5,
  friday: 5,
  vendredi: 5,
  ve: 5,
  sa: 6,
  sat: 6,
  saturday: 6,
  samedi: 6,
};

function dayIndex(v: unknown): number | null {
  if (typeof v === 'number' && Number.isInteger(v)) return ((v % 7) + 7) % 7; // 7 (ISO Sunday) becomes 0
  if (typeof v === 'string') {
    const d = DAY_NAMES[v.trim().toLowerCase()];
    if (d !== undefined) return d;
    if (/^\d$/.test(v.trim())) return Number(v.trim()) % 7;
  }
  return null;
}

function time(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const m = /^(\d{1,2}):?(\d{2})/.exec(v.trim());
  return m ? `${m[1]?.padStart(2, '0')}:${m[2]}` : null;
}

function periodsOf(v: unknown): { opens: string; closes: string }[] | null {
  if (v === null || v === undefined) return null;
  if (v === false || (typeof v === 'string' && /^(closed|fermé|ferme)$/i.test(v.trim()))) return [];
  if (typeof v === 'string') {
    const out: { opens: string; closes: string }[] = [];
    for (const part of v.split(/[,;]/)) {
      const m = /(\d{1,2}:?\d{2})\s*[-–à]\s*(\d{1,2}:?\d{2})/.exec(part);
      const opens = time(m?.[1]);
      const closes = time(m?.[2]);
      if (opens && closes) out.push({ opens, closes });
    }
    return out.length > 0 ? out : null;
  }
  if (Array.isArray(v)) {
    const all = v.flatMap((x) => periodsOf(x) ?? []);
    return all;
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const opens = time(o['opens'] ?? o['opens_at'] ?? o['open'] ?? o['start']);
    const closes = time(o['closes'] ?? o['closes_at'] ?? o['close'] ?? o['end']);
    if (opens && closes) return [{ opens, closes }];
    if (o['closed'] === true) return [];
  }
  return null;
}

/**
 * Reads the hours a feed gave, whatever reasonable shape they come in (a list
 * of periods with a weekday, or an object keyed by day), into a week.
 * Returns null when nothing is known: unknown hours are shown as unknown,
 * never as closed.
 */
export function weeklyHours(raw: unknown): WeeklyHours | null {
  if (raw === null || raw === undefined || raw === '') return null;
  if (typeof raw === 'string') return { days: Array.from({ length: 7 }, () => null), note: raw };
  const days: WeeklyHours['days'] = Array.from({ length: 7 }, () => null);
  let note: string | null = null;
  let found = false;
  const addPeriod = (day: number | null, p: { opens: string; closes: string }[] | null) => {
    if (day === null || p === null) return;
    days[day] = [...(days[day] ?? []), ...p];
    found = true;
  };
  const readList = (list: unknown[]) => {
    for (const item of list) {
      if (!item || typeof item !== 'object') continue;
      const o = item as Record<string, unknown>;
      const dayKeys = o['days'] ?? o['weekdays'];
      const p = periodsOf(o['periods'] ?? o['hours'] ?? o) ?? (o['closed'] === true ? [] : null);
      if (Array.isArray(dayKeys)) for (const d of dayKeys) addPeriod(dayIndex(d), p);
      else addPeriod(dayIndex(o['day'] ?? o['weekday'] ?? o['day_of_week'] ?? o['byday']), p);
    }
  };
  if (Array.isArray(raw)) readList(raw);
  else if (typeof raw === 'object') {
    const o = raw as Record<string, unknown>;
    for (const key of ['regular', 'weekly', 'regular_schedule', 'schedule', 'periods']) {
      const inner = o[key];
      if (Array.isArray(inner)) readList(inner);
      else if (inner && typeof inner === 'object') {
        const nested = weeklyHours(inner);
        nested?.days.forEach((d, i) => addPeriod(i, d));
      }
    }
    for (const [k, v] of Object.entries(o)) {
      const d = dayIndex(k);
      if (d !== null) addPeriod(d, periodsOf(v) ?? (v === null ? null : []));
    }
    const n = o['note'] ?? o['notes'] ?? o['text'] ?? o['description'];
    if (typeof n === 'string' && n.trim()) note = n.trim();
  }
  if (!found && !note) return null;
  // A schedule that lists some days means the days it leaves out are closed.
  if (found) for (let i = 0; i < 7; i++) days[i] ??= [];
  return { days, note };
}
