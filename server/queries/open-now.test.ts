import { describe, expect, it } from 'vitest';
import { hoursToday, localTime, openNow } from './open-now.js';
import { parseOpeningHours, type OpeningHours } from './opening-hours.js';

const weekdays = (opens: string, closes: string) => [1, 2, 3, 4, 5].map((day) => ({ day, opens, closes }));

const office: OpeningHours = {
  weekly: [...weekdays('08:30', '12:00'), ...weekdays('13:00', '16:30')],
  exceptions: [
    { date: '12-25', closed: true, label_en: 'Christmas Day', label_fr: 'Noël' },
    {
      date: '2025-12-24',
      periods: [{ opens: '08:30', closes: '11:00' }],
      label_en: 'Christmas Eve',
      label_fr: 'Veille de Noël',
    },
  ],
};

describe('openNow', () => {
  const tz = 'America/Toronto';

  it('is open inside a period and closed at lunch, before opening and on the weekend', () => {
    // Wednesday 2025-06-11; Toronto is UTC-4 in June.
    expect(openNow(office, tz, new Date('2025-06-11T12:29:00Z'))).toBe(false); // 08:29
    expect(openNow(office, tz, new Date('2025-06-11T12:31:00Z'))).toBe(true); // 08:31
    expect(openNow(office, tz, new Date('2025-06-11T16:30:00Z'))).toBe(false); // 12:30, lunch
    expect(openNow(office, tz, new Date('2025-06-11T17:00:00Z'))).toBe(true); // 13:00, opens
    expect(openNow(office, tz, new Date('2025-06-11T20:30:00Z'))).toBe(false); // 16:30, just closed
    expect(openNow(office, tz, new Date('2025-06-14T15:00:00Z'))).toBe(false); // Saturday 11:00
  });

  it('reads the wall clock on daylight-saving days', () => {
    // Sunday 2025-03-09 the clocks go forward at 02:00; Monday 2025-03-10 is UTC-4.
    // 12:45 UTC on Monday is 08:45 local (open); a fixed UTC-5 offset would read 07:45.
    expect(openNow(office, tz, new Date('2025-03-10T12:45:00Z'))).toBe(true);
    // Friday 2025-03-07 is still UTC-5: 13:15 UTC is 08:15 local, not yet open.
    expect(openNow(office, tz, new Date('2025-03-07T13:15:00Z'))).toBe(false);
    // Monday 2025-11-03, back on UTC-5: 13:45 UTC is 08:45 local.
    expect(openNow(office, tz, new Date('2025-11-03T13:45:00Z'))).toBe(true);
    // A period across the spring-forward gap: 01:00-04:00 on the Sunday itself.
    const night: OpeningHours = { weekly: [{ day: 7, opens: '01:00', closes: '04:00' }] };
    expect(openNow(night, tz, new Date('2025-03-09T07:30:00Z'))).toBe(true); // 03:30 EDT
    expect(openNow(night, tz, new Date('2025-03-09T08:30:00Z'))).toBe(false); // 04:30 EDT
  });

  it('keeps a period past midnight open into the next day', () => {
    const bar: OpeningHours = { weekly: [{ day: 5, opens: '20:00', closes: '02:00' }] };
    expect(openNow(bar, tz, new Date('2025-06-13T23:30:00Z'))).toBe(false); // Friday 19:30
    expect(openNow(bar, tz, new Date('2025-06-14T01:00:00Z'))).toBe(true); // Friday 21:00
    expect(openNow(bar, tz, new Date('2025-06-14T05:30:00Z'))).toBe(true); // Saturday 01:30
    expect(openNow(bar, tz, new Date('2025-06-14T06:00:00Z'))).toBe(false); // Saturday 02:00
    expect(openNow(bar, tz, new Date('2025-06-15T05:30:00Z'))).toBe(false); // Sunday 01:30: Saturday had no period
  });

  it('closes on holidays and applies special hours of a date', () => {
    // Thursday 2025-12-25 10:00 EST (a weekday, so closed only because of the holiday).
    expect(openNow(office, tz, new Date('2025-12-25T15:00:00Z'))).toBe(false);
    // The yearly rule applies in any year: Friday 2026-12-25.
    expect(openNow(office, tz, new Date('2026-12-25T15:00:00Z'))).toBe(false);
    // Wednesday 2025-12-24: open 08:30-11:00 only.
    expect(openNow(office, tz, new Date('2025-12-24T15:30:00Z'))).toBe(true); // 10:30
    expect(openNow(office, tz, new Date('2025-12-24T18:30:00Z'))).toBe(false); // 13:30
    // The day before, a normal Tuesday.
    expect(openNow(office, tz, new Date('2025-12-23T18:30:00Z'))).toBe(true);
  });

  it('says null, not false, when hours or the time zone are unknown', () => {
    const at = new Date('2025-06-11T15:00:00Z');
    expect(openNow(null, tz, at)).toBeNull();
    expect(openNow(parseOpeningHours({ text: 'Call for hours' }), tz, at)).toBeNull();
    expect(openNow(parseOpeningHours('Mon-Fri 9-5, ask us'), tz, at)).toBeNull();
    expect(openNow(parseOpeningHours({ weekly: [{ day: 9, opens: 'noon', closes: 'late' }] }), tz, at)).toBeNull();
    expect(openNow(office, null, at)).toBeNull();
    expect(openNow(office, 'Mars/Olympus_Mons', at)).toBeNull();
  });

  it('uses the time zone of each point: the same instant is open in Halifax and closed in Vancouver', () => {
    const at = new Date('2025-06-11T12:00:00Z'); // 09:00 ADT, 05:00 PDT
    expect(openNow(office, 'America/Halifax', at)).toBe(true);
    expect(openNow(office, 'America/Vancouver', at)).toBe(false);
    // Newfoundland is 30 minutes off the hour: 09:00 UTC-2:30 is 11:30 UTC.
    expect(openNow(office, 'America/St_Johns', new Date('2025-06-11T11:00:00Z'))).toBe(true); // 08:30
    expect(openNow(office, 'America/St_Johns', new Date('2025-06-11T10:59:00Z'))).toBe(false); // 08:29
    // Hours that name their own zone win over the point's.
    expect(openNow({ ...office, time_zone: 'America/Vancouver' }, 'America/Halifax', at)).toBe(false);
  });

  it('treats 00:00-24:00 as the whole day', () => {
    const always: OpeningHours = {
      weekly: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, opens: '00:00', closes: '24:00' })),
    };
    expect(openNow(always, tz, new Date('2025-06-11T03:59:00Z'))).toBe(true); // 23:59
    expect(openNow(always, tz, new Date('2025-06-11T04:00:00Z'))).toBe(true); // 00:00
  });
});

describe('hoursToday', () => {
  it('lists today’s periods in order with text in both languages', () => {
    const today = hoursToday(office, 'America/Toronto', new Date('2025-06-11T15:00:00Z'));
    expect(today).toEqual({
      date: '2025-06-11',
      weekday: 3,
      time_zone: 'America/Toronto',
      closed: false,
      periods: [
        { opens: '08:30', closes: '12:00' },
        { opens: '13:00', closes: '16:30' },
      ],
      exception: null,
      text_en: '08:30–12:00, 13:00–16:30',
      text_fr: '8 h 30 à 12 h, 13 h à 16 h 30',
    });
  });

  it('names the holiday when closed for one', () => {
    const today = hoursToday(office, 'America/Toronto', new Date('2025-12-25T15:00:00Z'));
    expect(today).toMatchObject({
      closed: true,
      text_en: 'Closed',
      text_fr: 'Fermé',
      exception: { label_en: 'Christmas Day', label_fr: 'Noël' },
    });
  });

  it('is null when the hours are unknown', () => {
    expect(hoursToday(null, 'America/Toronto')).toBeNull();
    expect(hoursToday({ text: 'By appointment' }, 'America/Toronto')).toBeNull();
  });
});

describe('localTime', () => {
  it('gives the local date, ISO weekday and minute', () => {
    expect(localTime(new Date('2025-01-01T04:30:00Z'), 'America/Toronto')).toEqual({
      date: '2024-12-31',
      isoWeekday: 2,
      minutes: 23 * 60 + 30,
    });
  });
});

describe('statutory holidays of the point’s province', () => {
  const holidays: OpeningHours = { weekly: weekdays('08:30', '16:30'), closed_on_holidays: true };

  it('closes on a province’s own holiday and not on another province’s', () => {
    // Monday 2026-08-03, 10:00 in each zone: BC Day in British Columbia, Civic Holiday (not statutory) in Ontario,
    // New Brunswick Day in New Brunswick.
    expect(openNow(holidays, 'America/Vancouver', new Date('2026-08-03T17:00:00Z'), 'BC')).toBe(false);
    expect(openNow(holidays, 'America/Toronto', new Date('2026-08-03T14:00:00Z'), 'ON')).toBe(true);
    expect(openNow(holidays, 'America/Moncton', new Date('2026-08-03T13:00:00Z'), 'NB')).toBe(false);
    // Saint-Jean-Baptiste (24 June) is Quebec's alone.
    expect(openNow(holidays, 'America/Toronto', new Date('2026-06-24T14:00:00Z'), 'QC')).toBe(false);
    expect(openNow(holidays, 'America/Toronto', new Date('2026-06-24T14:00:00Z'), 'ON')).toBe(true);
  });

  it('names the holiday in both languages, and a feed’s own date wins over the calendar', () => {
    const today = hoursToday(holidays, 'America/Toronto', new Date('2026-06-24T14:00:00Z'), 'QC');
    expect(today).toMatchObject({
      closed: true,
      exception: {
        label_en: expect.stringMatching(/St\.? Jean|National Holiday|Saint-Jean/i),
        label_fr: expect.stringMatching(/Fête nationale/),
      },
    });
    const special: OpeningHours = {
      ...holidays,
      exceptions: [{ date: '2026-06-24', periods: [{ opens: '10:00', closes: '12:00' }] }],
    };
    expect(hoursToday(special, 'America/Toronto', new Date('2026-06-24T14:00:00Z'), 'QC')).toMatchObject({
      closed: false,
      periods: [{ opens: '10:00', closes: '12:00' }],
    });
  });

  it('ignores holidays unless the hours say the point closes for them, and when the province is unknown', () => {
    const plain: OpeningHours = { weekly: weekdays('08:30', '16:30') };
    expect(openNow(plain, 'America/Vancouver', new Date('2026-08-03T17:00:00Z'), 'BC')).toBe(true);
    expect(openNow(holidays, 'America/Vancouver', new Date('2026-08-03T17:00:00Z'), null)).toBe(true);
  });
});
