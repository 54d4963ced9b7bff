import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarMonths, defaultDueDate, parseDueDate } from '../../src/actions/index.ts';
import { shiftDays } from '../../src/platform/local-time.ts';

// December 2026: Mon 7, Thu 3, Fri 4, Sat 5, Sun 6; 2026-12-31 is a Thursday.
const thursday = '2026-12-03';
const monday = '2026-12-07';
const friday = '2026-12-04';
const dateOf = (text: string, today = thursday) => {
  const result = parseDueDate(text, today);
  return result.ok ? result.date : result.code;
};

describe('due dates written as dates and words', () => {
  it('reads an ISO date', () => expect(dateOf('2026-12-20')).toBe('2026-12-20'));
  it('accepts today and tomorrow', () => {
    expect(dateOf('today')).toBe(thursday);
    expect(dateOf('Tomorrow')).toBe('2026-12-04');
  });
  it('ignores case and extra spaces', () => expect(dateOf('  In   2   Weeks ')).toBe('2026-12-17'));
  it('refuses a date that is not in the calendar', () => expect(dateOf('2027-02-30')).toBe('not_a_date'));
  it('accepts 29 February in a leap year only', () => {
    expect(dateOf('2028-02-29')).toBe('2028-02-29');
    expect(dateOf('2027-02-29')).toBe('not_a_date');
  });
  it('refuses a date in the past and says so', () => {
    const result = parseDueDate('2026-12-02', thursday);
    expect(result).toEqual({ ok: false, code: 'past', problem: expect.stringContaining('is in the past') });
  });
  it('refuses what it cannot read and says what to write', () => {
    const result = parseDueDate('soonish', thursday);
    expect(result).toEqual({ ok: false, code: 'unrecognised', problem: expect.stringContaining('"in 2w"') });
  });
  it('refuses the empty text', () => expect(dateOf('')).toBe('unrecognised'));
});

describe('due dates in days, weeks and months', () => {
  it.each([
    ['in 3d', '2026-12-06'],
    ['in 3 days', '2026-12-06'],
    ['in 1 day', '2026-12-04'],
    ['in 2w', '2026-12-17'],
    ['in 2 weeks', '2026-12-17'],
    ['in 1m', '2027-01-03'],
    ['in 1 month', '2027-01-03'],
    ['in 3 months', '2027-03-03'],
  ])('%s from Thursday 3 December is %s', (text, date) => expect(dateOf(text)).toBe(date));

  it('crosses the year end in days', () => expect(dateOf('in 5d', '2026-12-30')).toBe('2027-01-04'));
  it('clamps a month to its last day: 31 January + 1 month is 28 February', () =>
    expect(dateOf('in 1m', '2027-01-31')).toBe('2027-02-28'));
  it('clamps to 29 February in a leap year', () => expect(dateOf('in 1m', '2028-01-31')).toBe('2028-02-29'));
  it('clamps 31 March + 1 month to 30 April', () => expect(dateOf('in 1 month', '2027-03-31')).toBe('2027-04-30'));
  it('adds twelve months across a leap day', () => expect(addCalendarMonths('2028-02-29', 12)).toBe('2029-02-28'));
  it('rejects units it does not know', () => expect(dateOf('in 3 fortnights')).toBe('unrecognised'));
});

describe('due dates as weekdays', () => {
  it('reads a weekday as the next such day after today', () => expect(dateOf('friday')).toBe(friday));
  it('reads short names', () => {
    expect(dateOf('fri')).toBe(friday);
    expect(dateOf('tues')).toBe('2026-12-08');
    expect(dateOf('thurs')).toBe('2026-12-10');
  });
  it('reads "next friday" on a Monday as that same week\'s Friday', () =>
    expect(dateOf('next friday', monday)).toBe('2026-12-11'));
  it('reads "next friday" on a Friday as a week later, never today', () =>
    expect(dateOf('next friday', friday)).toBe('2026-12-11'));
  it('reads a weekday on that weekday as a week later', () => expect(dateOf('thursday')).toBe('2026-12-10'));
  it('goes across the year end', () => expect(dateOf('next monday', '2026-12-31')).toBe('2027-01-04'));
  it('refuses two letters, which could be two days', () => expect(dateOf('th')).toBe('unrecognised'));
  it('refuses words that merely start like a weekday', () => expect(dateOf('monitoring')).toBe('unrecognised'));
  it('reads eow as this Friday, or today on a Friday', () => {
    expect(dateOf('eow')).toBe(friday);
    expect(dateOf('end of week', friday)).toBe(friday);
    expect(dateOf('eow', '2026-12-05')).toBe('2026-12-11');
  });
  it('reads eom as the last day of this month', () => {
    expect(dateOf('eom')).toBe('2026-12-31');
    expect(dateOf('end of month', '2028-02-10')).toBe('2028-02-29');
  });
});

describe('default due dates', () => {
  const dueDays = { sev1: 14, SEV2: 30 };
  it("counts the severity's days from today", () =>
    expect(defaultDueDate('sev1', dueDays, thursday)).toBe('2026-12-17'));
  it('matches the severity whatever its case', () =>
    expect(defaultDueDate('sev2', dueDays, thursday)).toBe('2027-01-02'));
  it('falls back when the severity has no entry', () => {
    expect(defaultDueDate('sev4', dueDays, thursday)).toBe('2027-01-02');
    expect(defaultDueDate('sev4', dueDays, thursday, 7)).toBe('2026-12-10');
  });
  it('refuses a negative number of days', () =>
    expect(() => defaultDueDate('x', {}, thursday, -1)).toThrow(RangeError));
});

describe('due date properties', () => {
  const anyDay = fc
    .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
    .map((date) => date.toISOString().slice(0, 10));

  // Text made of due-date words, so the property reaches the parser's branches and not only its refusals.
  const dueLikeText = fc
    .array(
      fc.constantFrom(
        'in',
        'next',
        '0',
        '12',
        '9999',
        'd',
        'w',
        'months',
        'fri',
        'eow',
        'eom',
        'today',
        '1999-01-01',
        '2030-02-29',
      ),
      {
        maxLength: 4,
      },
    )
    .map((words) => words.join(' '));

  it('reads "in Nd" as N days after today', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 1, max: 365 }), (today, days) => {
        expect(parseDueDate(`in ${days}d`, today)).toEqual({ ok: true, date: shiftDays(today, days) });
        expect(parseDueDate(`in ${days} days`, today)).toEqual({ ok: true, date: shiftDays(today, days) });
      }),
    );
  });

  it('puts a weekday 1 to 7 days ahead, on that weekday', () => {
    fc.assert(
      fc.property(anyDay, fc.constantFrom('sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'), (today, name) => {
        const result = parseDueDate(`next ${name}`, today);
        if (!result.ok) throw new Error(result.problem);
        const ahead = (Date.parse(result.date) - Date.parse(today)) / 86_400_000;
        expect(ahead).toBeGreaterThanOrEqual(1);
        expect(ahead).toBeLessThanOrEqual(7);
        expect(new Date(result.date).toUTCString().slice(0, 3).toLowerCase()).toBe(name);
      }),
    );
  });

  it("keeps the day of month, or the month's last day, when adding months", () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 0, max: 240 }), (today, months) => {
        const date = addCalendarMonths(today, months);
        const lastDay = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 0)).getUTCDate();
        expect(Number(date.slice(8))).toBe(Math.min(Number(today.slice(8)), lastDay));
        const monthsApart =
          (Number(date.slice(0, 4)) - Number(today.slice(0, 4))) * 12 +
          Number(date.slice(5, 7)) -
          Number(today.slice(5, 7));
        expect(monthsApart).toBe(months);
      }),
    );
  });

  it('never throws and never answers a date before today, whatever the text', () => {
    fc.assert(
      fc.property(anyDay, fc.oneof(fc.string({ maxLength: 40 }), dueLikeText), (today, text) => {
        const result = parseDueDate(text, today);
        if (result.ok) expect(result.date >= today).toBe(true);
        else expect(result.problem.length).toBeGreaterThan(0);
      }),
      // A parser of typed text: as many inputs as the other parsers get (tests/unit/parser-properties.test.ts).
      { numRuns: 10_000 },
    );
  });
});
