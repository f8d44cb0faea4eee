import { describe, expect, it } from 'vitest';
import { weeklyHours } from './weekly-hours.js';

describe('weeklyHours', () => {
  it('knows nothing when the feed gave nothing', () => {
    expect(weeklyHours(null)).toBeNull();
    expect(weeklyHours(undefined)).toBeNull();
    expect(weeklyHours({})).toBeNull();
  });

  it('reads a list of periods with weekdays, several a day, and marks the other days closed', () => {
    const h = weeklyHours([
      { day: 'mo', opens: '08:30', closes: '12:00' },
      { day: 'mo', opens: '13:00', closes: '16:30' },
      { weekday: 2, opens_at: '9:00', closes_at: '17:00' },
    ]);
    expect(h?.days[1]).toEqual([
      { opens: '08:30', closes: '12:00' },
      { opens: '13:00', closes: '16:30' },
    ]);
    expect(h?.days[2]).toEqual([{ opens: '09:00', closes: '17:00' }]);
    expect(h?.days[0]).toEqual([]);
  });

  it('reads an object keyed by day, in English or French, with closed days', () => {
    const h = weeklyHours({ monday: '08:30-16:30', samedi: 'fermé', sunday: null });
    expect(h?.days[1]).toEqual([{ opens: '08:30', closes: '16:30' }]);
    expect(h?.days[6]).toEqual([]);
    // Sunday given as null and Tuesday not given at all: a schedule that names days is closed on the others.
    expect(h?.days[0]).toEqual([]);
    expect(h?.days[2]).toEqual([]);
  });

  it('reads a nested regular schedule and keeps a free-text note', () => {
    const h = weeklyHours({
      regular: [{ days: ['tu', 'we'], periods: [{ opens: '10:00', closes: '14:00' }] }],
      note: 'Closed on holidays',
    });
    expect(h?.days[2]).toEqual([{ opens: '10:00', closes: '14:00' }]);
    expect(h?.days[3]).toEqual([{ opens: '10:00', closes: '14:00' }]);
    expect(h?.days[1]).toEqual([]);
    expect(h?.note).toBe('Closed on holidays');
  });

  it('keeps plain text as a note, without inventing a schedule', () => {
    const h = weeklyHours('By appointment');
    expect(h?.note).toBe('By appointment');
    expect(h?.days.every((d) => d === null)).toBe(true);
  });
});
