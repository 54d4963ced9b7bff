import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  atLocalHour,
  type BusinessCalendar,
  businessDaysBetween,
  endOfLocalDay,
  isBusinessDay,
  localDateOf,
  nextBusinessDay,
  postmortemDueDate,
  postmortemReminderDates,
  previousBusinessDay,
} from '../../src/postmortems/business-days.ts';

// December 2026: Wed 2, Fri 4, Sat 5, Sun 6, Mon 7, Fri 11, Mon 14, Thu 24, Fri 25, Thu 31.
const weekdaysOnly = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
const utc: BusinessCalendar = { timezone: 'UTC', businessDays: weekdaysOnly, holidays: [] };
const berlin: BusinessCalendar = { timezone: 'Europe/Berlin', businessDays: weekdaysOnly, holidays: [] };
const withHolidays = (holidays: string[]): BusinessCalendar => ({ ...utc, holidays });

describe('postmortem due dates', () => {
  it('counts 5 business days from a Wednesday to the next Wednesday', () => {
    expect(postmortemDueDate(new Date('2026-12-02T10:00:00Z'), 5, utc).date).toBe('2026-12-09');
  });

  it('skips the weekend: Friday + 5 is the next Friday', () => {
    expect(postmortemDueDate(new Date('2026-12-04T10:00:00Z'), 5, utc).date).toBe('2026-12-11');
  });

  it('skips a holiday inside the span', () => {
    expect(postmortemDueDate(new Date('2026-12-04T10:00:00Z'), 5, withHolidays(['2026-12-08'])).date).toBe(
      '2026-12-14',
    );
  });

  it('moves the due date on when it falls on a holiday', () => {
    expect(postmortemDueDate(new Date('2026-12-02T10:00:00Z'), 5, withHolidays(['2026-12-09'])).date).toBe(
      '2026-12-10',
    );
  });

  it('skips consecutive holidays and the weekend between them', () => {
    const calendar = withHolidays(['2026-12-24', '2026-12-25', '2026-12-31', '2027-01-01']);
    expect(postmortemDueDate(new Date('2026-12-22T10:00:00Z'), 5, calendar).date).toBe('2027-01-04');
  });

  it('starts counting on the next business day when resolved on a weekend', () => {
    expect(postmortemDueDate(new Date('2026-12-05T10:00:00Z'), 5, utc).date).toBe('2026-12-11');
  });

  it('starts counting on the next business day when resolved on a holiday', () => {
    expect(postmortemDueDate(new Date('2026-12-08T10:00:00Z'), 5, withHolidays(['2026-12-08'])).date).toBe(
      '2026-12-15',
    );
  });

  it('counts from the local date: Thursday 23:30 UTC is already Friday in Berlin', () => {
    const resolvedAt = new Date('2026-12-03T23:30:00Z');
    expect(postmortemDueDate(resolvedAt, 5, utc).date).toBe('2026-12-10');
    expect(postmortemDueDate(resolvedAt, 5, berlin).date).toBe('2026-12-11');
  });

  it('counts from the local date: Sunday 23:30 UTC is already a business Monday in Berlin', () => {
    const resolvedAt = new Date('2026-12-06T23:30:00Z');
    expect(postmortemDueDate(resolvedAt, 5, utc).date).toBe('2026-12-11');
    expect(postmortemDueDate(resolvedAt, 5, berlin).date).toBe('2026-12-14');
  });

  it('treats a late Friday resolution in Berlin as Friday, not as the UTC date', () => {
    // 23:30 Friday in Berlin is 22:30 UTC the same Friday; 00:30 Saturday in Berlin is still Friday in UTC.
    expect(postmortemDueDate(new Date('2026-12-04T22:30:00Z'), 5, berlin).date).toBe('2026-12-11');
    expect(localDateOf(new Date('2026-12-04T23:30:00Z'), 'Europe/Berlin')).toBe('2026-12-05');
    expect(localDateOf(new Date('2026-12-04T23:30:00Z'), 'UTC')).toBe('2026-12-04');
  });

  it('is due at the last millisecond of the local due day', () => {
    expect(postmortemDueDate(new Date('2026-12-04T10:00:00Z'), 5, berlin).dueAt).toEqual(
      new Date('2026-12-11T22:59:59.999Z'),
    );
    expect(postmortemDueDate(new Date('2026-12-04T10:00:00Z'), 5, utc).dueAt).toEqual(
      new Date('2026-12-11T23:59:59.999Z'),
    );
  });

  it('uses custom business days (Sunday to Thursday)', () => {
    const sundayToThursday: BusinessCalendar = {
      timezone: 'Asia/Jerusalem',
      businessDays: ['sun', 'mon', 'tue', 'wed', 'thu'],
      holidays: [],
    };
    expect(postmortemDueDate(new Date('2026-12-03T08:00:00Z'), 1, sundayToThursday).date).toBe('2026-12-06');
    expect(postmortemDueDate(new Date('2026-12-03T08:00:00Z'), 5, sundayToThursday).date).toBe('2026-12-10');
    expect(postmortemDueDate(new Date('2026-12-04T08:00:00Z'), 5, sundayToThursday).date).toBe('2026-12-10');
  });
});

describe('business-day arithmetic', () => {
  it('tells business days from weekends and holidays', () => {
    const calendar = withHolidays(['2026-12-25']);
    expect(isBusinessDay('2026-12-04', calendar)).toBe(true);
    expect(isBusinessDay('2026-12-05', calendar)).toBe(false);
    expect(isBusinessDay('2026-12-06', calendar)).toBe(false);
    expect(isBusinessDay('2026-12-25', calendar)).toBe(false);
  });

  it('finds the next and previous business day across a weekend and a holiday', () => {
    const calendar = withHolidays(['2026-12-07']);
    expect(nextBusinessDay('2026-12-04', calendar)).toBe('2026-12-08');
    expect(previousBusinessDay('2026-12-08', calendar)).toBe('2026-12-04');
    expect(nextBusinessDay('2026-12-02', calendar)).toBe('2026-12-03');
  });

  it('crosses month and year ends', () => {
    expect(nextBusinessDay('2026-12-31', utc)).toBe('2027-01-01');
    expect(previousBusinessDay('2027-03-01', utc)).toBe('2027-02-26');
  });

  it('returns the day itself for 0 business days when it is one, else the next', () => {
    expect(addBusinessDays('2026-12-04', 0, utc)).toBe('2026-12-04');
    expect(addBusinessDays('2026-12-05', 0, utc)).toBe('2026-12-07');
  });

  it('refuses a negative or fractional number of days', () => {
    expect(() => addBusinessDays('2026-12-04', -1, utc)).toThrow(RangeError);
    expect(() => addBusinessDays('2026-12-04', 1.5, utc)).toThrow(RangeError);
  });

  it('counts business days between two dates, inverse to adding them', () => {
    const calendar = withHolidays(['2026-12-24', '2026-12-25']);
    expect(businessDaysBetween('2026-12-04', '2026-12-11', utc)).toBe(5);
    expect(businessDaysBetween('2026-12-22', addBusinessDays('2026-12-22', 7, calendar), calendar)).toBe(7);
    expect(businessDaysBetween('2026-12-04', '2026-12-04', utc)).toBe(0);
    expect(businessDaysBetween('2026-12-04', '2026-12-06', utc)).toBe(0);
  });

  it('counts negatively when the end is before the start', () => {
    expect(businessDaysBetween('2026-12-11', '2026-12-04', utc)).toBe(-5);
  });

  it('refuses a date that is not a real YYYY-MM-DD date', () => {
    expect(() => isBusinessDay('2026-02-30', utc)).toThrow(/YYYY-MM-DD/);
    expect(() => nextBusinessDay('4.12.2026', utc)).toThrow(/YYYY-MM-DD/);
  });

  it('refuses a calendar without business days instead of searching forever', () => {
    expect(() => nextBusinessDay('2026-12-04', { ...utc, businessDays: [] })).toThrow(/no business days/);
  });
});

describe('postmortem reminder dates', () => {
  it('reminds the business day before, on the due day, then each business day up to the cap', () => {
    expect(postmortemReminderDates('2026-12-09', utc, '2026-12-15')).toEqual([
      '2026-12-08',
      '2026-12-09',
      '2026-12-10',
      '2026-12-11',
      '2026-12-14',
      '2026-12-15',
    ]);
  });

  it('skips weekends and holidays, including for the day before', () => {
    const calendar = withHolidays(['2026-12-11', '2026-12-15']);
    expect(postmortemReminderDates('2026-12-14', calendar, '2026-12-17')).toEqual([
      '2026-12-10',
      '2026-12-14',
      '2026-12-16',
      '2026-12-17',
    ]);
  });

  it('stops at a cap of 30 business days late', () => {
    const due = '2026-12-09';
    const dates = postmortemReminderDates(due, utc, addBusinessDays(due, 30, utc));
    expect(dates).toHaveLength(32);
    expect(dates.at(-1)).toBe('2027-01-20');
  });

  it('sends nothing after the cap, even the due day', () => {
    expect(postmortemReminderDates('2026-12-09', utc, '2026-12-08')).toEqual(['2026-12-08']);
  });
});

describe('local hours across time zones and DST', () => {
  it('is 09:00 in Tokyo at 00:00 UTC all year', () => {
    for (const date of ['2026-03-07', '2026-03-08', '2026-03-29', '2026-10-25', '2026-11-01']) {
      expect(atLocalHour(date, 9, 'Asia/Tokyo')).toEqual(new Date(`${date}T00:00:00Z`));
    }
  });

  it('moves 09:00 in Berlin an hour earlier in UTC on the last Sunday of March', () => {
    expect(atLocalHour('2026-03-28', 9, 'Europe/Berlin')).toEqual(new Date('2026-03-28T08:00:00Z'));
    expect(atLocalHour('2026-03-29', 9, 'Europe/Berlin')).toEqual(new Date('2026-03-29T07:00:00Z'));
  });

  it('moves 09:00 in Berlin back an hour later in UTC on the last Sunday of October', () => {
    expect(atLocalHour('2026-10-24', 9, 'Europe/Berlin')).toEqual(new Date('2026-10-24T07:00:00Z'));
    expect(atLocalHour('2026-10-25', 9, 'Europe/Berlin')).toEqual(new Date('2026-10-25T08:00:00Z'));
  });

  it('follows New York on its own DST dates (second Sunday of March, first of November)', () => {
    expect(atLocalHour('2026-03-07', 9, 'America/New_York')).toEqual(new Date('2026-03-07T14:00:00Z'));
    expect(atLocalHour('2026-03-08', 9, 'America/New_York')).toEqual(new Date('2026-03-08T13:00:00Z'));
    expect(atLocalHour('2026-10-31', 9, 'America/New_York')).toEqual(new Date('2026-10-31T13:00:00Z'));
    expect(atLocalHour('2026-11-01', 9, 'America/New_York')).toEqual(new Date('2026-11-01T14:00:00Z'));
  });

  it('keeps New York and Berlin apart in the weeks their DST dates differ', () => {
    expect(atLocalHour('2026-03-20', 9, 'America/New_York')).toEqual(new Date('2026-03-20T13:00:00Z'));
    expect(atLocalHour('2026-03-20', 9, 'Europe/Berlin')).toEqual(new Date('2026-03-20T08:00:00Z'));
  });

  it('gives the first instant after the gap for an hour that does not exist (spring forward)', () => {
    expect(atLocalHour('2026-03-29', 2, 'Europe/Berlin')).toEqual(new Date('2026-03-29T01:00:00Z'));
    expect(atLocalHour('2026-03-08', 2, 'America/New_York')).toEqual(new Date('2026-03-08T07:00:00Z'));
  });

  it('gives the end of a half-hour gap, not the hour shifted by it (Lord Howe Island)', () => {
    // 02:00 → 02:30 on 2026-10-04: the next valid instant is 02:30 (+11:00).
    expect(atLocalHour('2026-10-04', 2, 'Australia/Lord_Howe')).toEqual(new Date('2026-10-03T15:30:00Z'));
    expect(atLocalHour('2026-10-04', 3, 'Australia/Lord_Howe')).toEqual(new Date('2026-10-03T16:00:00Z'));
  });

  it('gives the first of the two instants for an hour that happens twice (fall back)', () => {
    expect(atLocalHour('2026-10-25', 2, 'Europe/Berlin')).toEqual(new Date('2026-10-25T00:00:00Z'));
  });

  it('ends a 23-hour and a 25-hour day at the right instant', () => {
    expect(endOfLocalDay('2026-03-29', 'Europe/Berlin')).toEqual(new Date('2026-03-29T21:59:59.999Z'));
    expect(endOfLocalDay('2026-10-25', 'Europe/Berlin')).toEqual(new Date('2026-10-25T22:59:59.999Z'));
  });

  it('refuses an hour outside 0–23 and an unknown time zone', () => {
    expect(() => atLocalHour('2026-12-04', 24, 'UTC')).toThrow(RangeError);
    expect(() => atLocalHour('2026-12-04', 9, 'Mars/Olympus')).toThrow(/unknown time zone/);
  });
});
