import { describe, expect, it } from 'vitest';
import { parseClosedDates, readYesNo, saysClosedOnHolidays } from './parse-closures.js';
import { parseHours } from './parse-hours.js';

describe('closed dates and holidays in a feed', () => {
  it('reads ISO dates and dates written in English or French; a date without a year recurs', () => {
    expect(parseClosedDates('2026-12-24; December 31, 2026 and 1er janvier, 25 décembre 2026')).toEqual({
      dates: [
        { date: '01-01', closed: true },
        { date: '2026-12-24', closed: true },
        { date: '2026-12-25', closed: true },
        { date: '2026-12-31', closed: true },
      ],
      unread: false,
    });
  });

  it('says when part of the text is not a date, and drops impossible dates', () => {
    expect(parseClosedDates('Dec 26 2026, 2026-02-30, when it snows')).toEqual({
      dates: [{ date: '2026-12-26', closed: true }],
      unread: true,
    });
  });

  it('reads yes and no in both languages', () => {
    expect(['yes', 'Oui', 'TRUE', 'x'].map(readYesNo)).toEqual([true, true, true, true]);
    expect(['no', 'Non', '0'].map(readYesNo)).toEqual([false, false, false]);
    expect(readYesNo('sometimes')).toBeNull();
  });

  it('finds "closed on statutory holidays" in the hours text, in English or French', () => {
    expect(saysClosedOnHolidays('Mon-Fri 8:30-16:30, closed on statutory holidays')).toBe(true);
    expect(parseHours('lun au ven 8 h 30 à 16 h 30; fermé les jours fériés')).toMatchObject({
      closed_on_holidays: true,
      weekly: expect.any(Array),
    });
    expect(parseHours('Mon-Fri 8:30-16:30')).not.toHaveProperty('closed_on_holidays');
  });
});
