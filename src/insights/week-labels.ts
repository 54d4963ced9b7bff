import { parseLocalDate } from '../platform/local-time.ts';

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function parts(date: string): { day: number; month: string; year: number } {
  const at = new Date(parseLocalDate(date));
  return { day: at.getUTCDate(), month: months[at.getUTCMonth()] as string, year: at.getUTCFullYear() };
}

/** A date as an axis label, month first: "Nov 2". */
export function axisDate(date: string): string {
  const { day, month } = parts(date);
  return `${month} ${day}`;
}

/** A date as prose, day first, with the year only when asked: "2 Nov" or "2 Nov 2026". */
export function proseDate(date: string, withYear = false): string {
  const { day, month, year } = parts(date);
  return withYear ? `${day} ${month} ${year}` : `${day} ${month}`;
}

/** The year of a date. */
export function yearOf(date: string): number {
  return parts(date).year;
}
