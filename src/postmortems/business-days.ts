import type { Weekday } from '../config/firebreak-config.ts';
import { atLocalHour, type LocalDate, localDateOf, parseLocalDate, shiftDays } from '../platform/local-time.ts';

export { atLocalHour, type LocalDate, localDateOf };

/**
 * Business-day arithmetic for postmortem due dates and reminders. A `LocalDate` is a calendar date
 * ('YYYY-MM-DD') in the calendar's time zone; instants (`Date`) only appear at the edges: the
 * resolution time going in, and the due instant or a reminder's instant coming out. Nothing here
 * reads the clock.
 */
export type BusinessCalendar = {
  timezone: string;
  businessDays: readonly Weekday[];
  /** Days off, as LocalDates in `timezone`. */
  holidays: readonly LocalDate[];
};

export type PostmortemDue = {
  /** The due day, in the calendar's time zone. */
  date: LocalDate;
  /** The last millisecond of that day there (23:59:59.999 local): on time means before or at this instant. */
  dueAt: Date;
};

const weekdays: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** True when the date is one of the calendar's business weekdays and not a holiday. */
export function isBusinessDay(date: LocalDate, calendar: BusinessCalendar): boolean {
  return calendar.businessDays.includes(weekdayOf(date)) && !calendar.holidays.includes(date);
}

/** The first business day strictly after `date`. */
export function nextBusinessDay(date: LocalDate, calendar: BusinessCalendar): LocalDate {
  return stepToBusinessDay(date, 1, calendar);
}

/** The last business day strictly before `date`. */
export function previousBusinessDay(date: LocalDate, calendar: BusinessCalendar): LocalDate {
  return stepToBusinessDay(date, -1, calendar);
}

/**
 * The date `days` business days after `from`: each business day after `from` counts one, so a start
 * on a weekend or holiday makes the next business day day 1 (Saturday + 5 = Friday + 5). With 0 days,
 * `from` itself when it is a business day, else the next one.
 */
export function addBusinessDays(from: LocalDate, days: number, calendar: BusinessCalendar): LocalDate {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a whole number ≥ 0, got ${days}`);
  if (days === 0) return isBusinessDay(from, calendar) ? from : nextBusinessDay(from, calendar);
  let date = from;
  for (let counted = 0; counted < days; counted++) date = nextBusinessDay(date, calendar);
  return date;
}

/**
 * The business days after `from` up to and including `to`; negative (the same count, signed) when
 * `to` is before `from`. So businessDaysBetween(due, today) is how many business days late it is,
 * and businessDaysBetween(d, addBusinessDays(d, n)) is n.
 */
export function businessDaysBetween(from: LocalDate, to: LocalDate, calendar: BusinessCalendar): number {
  if (to < from) return -businessDaysBetween(to, from, calendar);
  assertCalendar(calendar);
  let count = 0;
  for (let date = shiftDays(from, 1); date <= to; date = shiftDays(date, 1)) {
    if (isBusinessDay(date, calendar)) count++;
  }
  return count;
}

/** When a postmortem resolved at `resolvedAt` is due: `days` business days later, at the end of that local day. */
export function postmortemDueDate(resolvedAt: Date, days: number, calendar: BusinessCalendar): PostmortemDue {
  const date = addBusinessDays(localDateOf(resolvedAt, calendar.timezone), days, calendar);
  return { date, dueAt: endOfLocalDay(date, calendar.timezone) };
}

/** The last millisecond of a local date in a time zone (one before the next local midnight, DST included). */
export function endOfLocalDay(date: LocalDate, timezone: string): Date {
  return new Date(atLocalHour(shiftDays(date, 1), 0, timezone).getTime() - 1);
}

/**
 * The days a due reminder goes out: the business day before the due date, the due date itself, then
 * every business day after it, none later than `until` (the cap, e.g. 30 business days late).
 */
export function postmortemReminderDates(due: LocalDate, calendar: BusinessCalendar, until: LocalDate): LocalDate[] {
  const dates = [previousBusinessDay(due, calendar), due];
  for (let date = nextBusinessDay(due, calendar); date <= until; date = nextBusinessDay(date, calendar)) {
    dates.push(date);
  }
  return dates.filter((date) => date <= until);
}

function stepToBusinessDay(date: LocalDate, step: 1 | -1, calendar: BusinessCalendar): LocalDate {
  assertCalendar(calendar);
  let candidate = shiftDays(date, step);
  while (!isBusinessDay(candidate, calendar)) candidate = shiftDays(candidate, step);
  return candidate;
}

// Without a business weekday the search for the next one would never end.
function assertCalendar(calendar: BusinessCalendar): void {
  if (calendar.businessDays.length === 0) throw new RangeError('the calendar has no business days');
}

function weekdayOf(date: LocalDate): Weekday {
  return weekdays[new Date(parseLocalDate(date)).getUTCDay()] as Weekday;
}
