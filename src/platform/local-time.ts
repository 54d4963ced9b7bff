import { TZDate, tzOffset } from '@date-fns/tz';
import { format } from 'date-fns';

/**
 * Calendar dates and wall-clock hours in a time zone. A `LocalDate` is a calendar date ('YYYY-MM-DD');
 * instants (`Date`) appear only where a local date and hour become a moment to act at. Nothing here
 * reads the clock.
 */
export type LocalDate = string;

const dayMs = 86_400_000;
const minuteMs = 60_000;

/** The calendar date of an instant in a time zone. */
export function localDateOf(instant: Date, timezone: string): LocalDate {
  return format(new TZDate(instant.getTime(), timezone), 'yyyy-MM-dd');
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

/** The date `days` calendar days after (or, negative, before) `date`. */
export function shiftDays(date: LocalDate, days: number): LocalDate {
  return new Date(parseLocalDate(date) + days * dayMs).toISOString().slice(0, 10);
}

/** A LocalDate as milliseconds of its midnight on a UTC axis: plain calendar arithmetic, no zone involved. */
export function parseLocalDate(date: LocalDate): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`expected a date written YYYY-MM-DD, got "${date}"`);
  }
  return ms;
}
