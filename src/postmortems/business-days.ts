import { TZDate, tzOffset } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Weekday } from '../config/firebreak-config.ts';

/**
 * Business-day arithmetic for postmortem due dates and reminders. A `LocalDate` is a calendar date
 * ('YYYY-MM-DD') in the calendar's time zone; instants (`Date`) only appear at the edges: the
 * resolution time going in, and the due instant or a reminder's instant coming out. Nothing here
 * reads the clock.
 */
export type LocalDate = string;

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
const dayMs = 86_400_000;
const minuteMs = 60_000;

/** The calendar date of an instant in a time zone. */
export function localDateOf(instant: Date, timezone: string): LocalDate {
  return format(new TZDate(instant.getTime(), timezone), 'yyyy-MM-dd');
}

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

/**
 * The instant a local wall-clock hour happens on a date in a time zone. When the hour does not exist
 * (clocks spring forward over it), the first instant after the gap (02:00 in Berlin on the last
 * Sunday of March → 03:00 CEST); when it happens twice (clocks fall back), the first time.
 */
export function atLocalHour(date: LocalDate, hour: number, timezone: string): Date {
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new RangeError(`hour must be 0–23, got ${hour}`);
  const wall = parseLocalDate(date) + hour * 3_600_000;
  // The offsets a day either side bound the offsets in force at this wall time (one transition a day at most).
  const before = offsetMs(timezone, wall - dayMs);
  const after = offsetMs(timezone, wall + dayMs);
  const exact = [wall - before, wall - after].filter((instant) => instant + offsetMs(timezone, instant) === wall);
  if (exact.length > 0) return new Date(Math.min(...exact));
  // A gap: the transition lies between the two readings; find its first minute.
  let low = Math.min(wall - before, wall - after);
  let high = Math.max(wall - before, wall - after);
  const offsetAtLow = offsetMs(timezone, low);
  while (high - low > minuteMs) {
    const middle = low + Math.floor((high - low) / 2 / minuteMs) * minuteMs;
    if (offsetMs(timezone, middle) === offsetAtLow) low = middle;
    else high = middle;
  }
  return new Date(high);
}

function offsetMs(timezone: string, instant: number): number {
  const minutes = tzOffset(timezone, new Date(instant));
  if (Number.isNaN(minutes)) throw new RangeError(`unknown time zone "${timezone}"`);
  return minutes * minuteMs;
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

function shiftDays(date: LocalDate, days: number): LocalDate {
  return new Date(parseLocalDate(date) + days * dayMs).toISOString().slice(0, 10);
}

// A LocalDate as milliseconds of its midnight on a UTC axis: plain calendar arithmetic, no zone involved.
function parseLocalDate(date: LocalDate): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`expected a date written YYYY-MM-DD, got "${date}"`);
  }
  return ms;
}
