import { tzOffset } from '@date-fns/tz';
import { localDateOf, parseLocalDate, shiftDays } from '../platform/local-time.ts';

/** How many weeks the weekly reliability digest looks back over. */
export const digestWeeks = 12;

/**
 * The Monday (as 'YYYY-MM-DD') of each of the twelve complete weeks before the week that contains
 * `now` in `timeZone`, oldest first; the last is the week just before this one. Weeks are calendar
 * weeks in that zone, so a daylight-saving change inside a week moves nothing.
 */
export function lastTwelveWeekStarts(now: Date, timeZone: string): string[] {
  if (Number.isNaN(now.getTime())) throw new RangeError('now must be a valid date');
  if (Number.isNaN(tzOffset(timeZone, now))) throw new RangeError(`unknown time zone "${timeZone}"`);
  const today = localDateOf(now, timeZone);
  // Calendar arithmetic on the local date, not on instants: a week is seven dates, whatever its hours.
  const weekday = new Date(parseLocalDate(today)).getUTCDay();
  const thisMonday = shiftDays(today, -((weekday + 6) % 7));
  return Array.from({ length: digestWeeks }, (_, index) => shiftDays(thisMonday, -7 * (digestWeeks - index)));
}
