import { atLocalHour, type LocalDate, localDateOf, parseLocalDate, shiftDays } from '../platform/local-time.ts';

/** Which days `/incident stats` looks at: the last N days, this quarter so far, or given dates (inclusive). */
export type PeriodSpec =
  | { kind: 'days'; days: number }
  | { kind: 'quarter' }
  | { kind: 'range'; from: LocalDate; through: LocalDate };

/**
 * Whole local days in the configured time zone, `from` to `to` (exclusive), and the instants they
 * begin and end at. An incident belongs to the period its *declared* time falls in.
 */
export type StatsPeriod = { from: LocalDate; to: LocalDate; fromAt: Date; toAt: Date; days: number };

export const defaultPeriod: PeriodSpec = { kind: 'days', days: 30 };
export const maxPeriodDays = 731;
const dayMs = 86_400_000;

/**
 * The period asked for and the one just before it, of the same number of days, so a trend compares
 * like with like; the current period ends with today (inclusive), except a range, which ends where it says.
 */
export function periodsFor(
  spec: PeriodSpec,
  now: Date,
  timeZone: string,
): { current: StatsPeriod; previous: StatsPeriod } {
  const today = localDateOf(now, timeZone);
  const tomorrow = shiftDays(today, 1);
  const [from, to] =
    spec.kind === 'days'
      ? [shiftDays(tomorrow, -spec.days), tomorrow]
      : spec.kind === 'quarter'
        ? [quarterStart(today), tomorrow]
        : [spec.from, shiftDays(spec.through, 1)];
  const days = daysBetween(from, to);
  const previousFrom = spec.kind === 'quarter' ? quarterStart(shiftDays(from, -1)) : shiftDays(from, -days);
  const previousTo = spec.kind === 'quarter' ? shiftDays(previousFrom, days) : from;
  return {
    current: localPeriod(from, to, timeZone),
    // Dates sort as text; the quarter before never runs into this one.
    previous: localPeriod(previousFrom, [previousTo, from].sort()[0] as string, timeZone),
  };
}

/** The local days `from` (inclusive) to `to` (exclusive) as instants in a time zone. */
export function localPeriod(from: LocalDate, to: LocalDate, timeZone: string): StatsPeriod {
  return {
    from,
    to,
    fromAt: atLocalHour(from, 0, timeZone),
    toAt: atLocalHour(to, 0, timeZone),
    days: daysBetween(from, to),
  };
}

/** "2026-11-04 – 2026-12-03": the days of a period as people read them (the last day inclusive). */
export function describePeriod(period: StatsPeriod): string {
  const last = shiftDays(period.to, -1);
  return period.from === last ? period.from : `${period.from} – ${last}`;
}

function quarterStart(date: LocalDate): LocalDate {
  const month = Number(date.slice(5, 7));
  const first = Math.floor((month - 1) / 3) * 3 + 1;
  return `${date.slice(0, 4)}-${String(first).padStart(2, '0')}-01`;
}

function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((parseLocalDate(to) - parseLocalDate(from)) / dayMs);
}
