import { type LocalDate, parseLocalDate, shiftDays } from '../platform/local-time.ts';

export type DueDateProblemCode = 'unrecognised' | 'not_a_date' | 'past';
export type DueDateResult = { ok: true; date: LocalDate } | { ok: false; code: DueDateProblemCode; problem: string };

const howToWrite = 'write a date such as 2026-12-20, "in 2w" or "next friday"';
// A weekday is its name or any start of it from three letters: "fri", "tues", "thurs", "wednesday".
const weekdayNames = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const friday = 5;

/**
 * Reads a due date typed by a person, relative to `today` (their local date), and never throws.
 * Accepted: `2026-12-20`; `today`, `tomorrow`; `in 3d` / `in 3 days`, `in 2w` / `in 2 weeks`,
 * `in 1m` / `in 1 month` (calendar months: Jan 31 + 1 month is Feb 28 or 29); a weekday (`friday`,
 * `fri`) or `next friday`, both the first such day strictly after today — so on a Monday "next friday"
 * is this coming Friday, as SREs say it, and on a Friday it is a week away; `eow` / `end of week`
 * (today when today is Friday, else the next Friday) and `eom` / `end of month`. A date before today
 * is refused as in the past; today itself is accepted.
 */
export function parseDueDate(text: string, today: LocalDate): DueDateResult {
  const typed = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const date = resolve(typed, today);
  if (date === undefined) {
    return { ok: false, code: 'unrecognised', problem: `"${text.trim()}" is not a due date; ${howToWrite}.` };
  }
  if (date === null) {
    return { ok: false, code: 'not_a_date', problem: `${text.trim()} is not a date in the calendar; ${howToWrite}.` };
  }
  if (date < today) {
    return { ok: false, code: 'past', problem: `${date} is in the past; ${howToWrite}.` };
  }
  return { ok: true, date };
}

/** The default due date of an action: `dueDays[severity]` (else `fallbackDays`) calendar days after `today`. */
export function defaultDueDate(
  severity: string,
  dueDays: Record<string, number>,
  today: LocalDate,
  fallbackDays = 30,
): LocalDate {
  const key = Object.keys(dueDays).find((name) => name.toLowerCase() === severity.toLowerCase());
  const days = key === undefined ? fallbackDays : (dueDays[key] as number);
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`due days must be a whole number ≥ 0, got ${days}`);
  return shiftDays(today, days);
}

/** The date `months` calendar months after `date`, on the same day or the month's last day if it is shorter. */
export function addCalendarMonths(date: LocalDate, months: number): LocalDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  return [
    String(targetYear).padStart(4, '0'),
    String(targetMonth + 1).padStart(2, '0'),
    String(Math.min(day, lastDay)).padStart(2, '0'),
  ].join('-');
}

// undefined: not a due-date expression; null: shaped like a date but not in the calendar.
function resolve(typed: string, today: LocalDate): LocalDate | null | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(typed)) return isCalendarDate(typed) ? typed : null;
  if (typed === 'today') return today;
  if (typed === 'tomorrow') return shiftDays(today, 1);
  if (typed === 'eow' || typed === 'end of week')
    return weekdayOf(today) === friday ? today : nextWeekday(today, friday);
  if (typed === 'eom' || typed === 'end of month') return shiftDays(addCalendarMonths(firstOfMonth(today), 1), -1);
  const relative = /^in (\d{1,4}) ?(d|days?|w|weeks?|m|months?)$/.exec(typed);
  if (relative) {
    const count = Number(relative[1]);
    const unit = (relative[2] as string)[0];
    if (unit === 'm') return addCalendarMonths(today, count);
    return shiftDays(today, unit === 'w' ? count * 7 : count);
  }
  const word = /^(?:next )?([a-z]{3,})$/.exec(typed)?.[1] ?? '';
  const weekday = weekdayNames.findIndex((name) => word !== '' && name.startsWith(word));
  if (weekday >= 0) return nextWeekday(today, weekday);
  return undefined;
}

function isCalendarDate(text: string): boolean {
  try {
    parseLocalDate(text);
    return true;
  } catch {
    return false;
  }
}

function weekdayOf(date: LocalDate): number {
  return new Date(parseLocalDate(date)).getUTCDay();
}

/** The first date strictly after `date` that falls on `weekday` (0 = Sunday). */
function nextWeekday(date: LocalDate, weekday: number): LocalDate {
  const ahead = (weekday - weekdayOf(date) + 7) % 7 || 7;
  return shiftDays(date, ahead);
}

function firstOfMonth(date: LocalDate): LocalDate {
  return `${date.slice(0, 8)}01`;
}
