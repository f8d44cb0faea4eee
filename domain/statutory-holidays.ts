import Holidays from 'date-holidays';

/** A statutory (public) holiday of one province or territory on one date. */
export interface StatutoryHoliday {
  date: string; // YYYY-MM-DD
  name_en: string;
  name_fr: string;
}

/**
 * Canada's statutory holidays by province and territory, from the maintained
 * `date-holidays` package (its "public" days: the ones a government office
 * closes for), in English and French. Computed per province and year once.
 */
const byProvinceYear = new Map<string, Map<string, StatutoryHoliday>>();

function holidaysOf(province: string, year: number): Map<string, StatutoryHoliday> {
  const key = `${province}|${year}`;
  let found = byProvinceYear.get(key);
  if (found) return found;
  found = new Map();
  const en = new Holidays('CA', province, { languages: ['en'], types: ['public'] });
  const fr = new Holidays('CA', province, { languages: ['fr'], types: ['public'] });
  const frByDate = new Map<string, string>();
  for (const h of fr.getHolidays(year) || []) frByDate.set(h.date.slice(0, 10), h.name);
  for (const h of en.getHolidays(year) || []) {
    const date = h.date.slice(0, 10);
    if (found.has(date)) continue;
    found.set(date, { date, name_en: h.name, name_fr: frByDate.get(date) ?? h.name });
  }
  if (byProvinceYear.size > 500) byProvinceYear.clear();
  byProvinceYear.set(key, found);
  return found;
}

const PROVINCE_CODES = new Set(['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT']);

/** The statutory holiday of `province` on `date` (YYYY-MM-DD), if there is one; null for an unknown province. */
export function statutoryHoliday(province: string | null | undefined, date: string): StatutoryHoliday | null {
  if (!province || !PROVINCE_CODES.has(province)) return null;
  const year = Number(date.slice(0, 4));
  if (!Number.isInteger(year) || year < 1900 || year > 2200) return null;
  return holidaysOf(province, year).get(date) ?? null;
}
