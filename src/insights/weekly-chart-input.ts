import { parseLocalDate, shiftDays } from '../platform/local-time.ts';

/** One week of the digest: incidents opened per severity name, and the median time to restore. */
export type WeeklyChartWeek = {
  /** The Monday that starts the week, 'YYYY-MM-DD'. */
  weekStart: string;
  /** Incident counts keyed by severity name; a severity left out had none. */
  bySeverity: Record<string, number>;
  /** Median time to restore of the week's restored incidents; null when none was measured. */
  medianRestoreMs: number | null;
};

export type WeeklyChartInput = {
  /** Consecutive weeks, oldest first. */
  weeks: WeeklyChartWeek[];
  /** Most severe first; the order fixes each severity's colour and its place in the stack. */
  severities: Array<{ name: string; label: string }>;
  title?: string;
};

export const maxChartWeeks = 52;

/** Throws a RangeError saying what to fix unless the input describes consecutive weeks of known severities. */
export function checkWeeklyChartInput(input: WeeklyChartInput): void {
  const { weeks, severities } = input;
  if (weeks.length === 0 || weeks.length > maxChartWeeks) {
    throw new RangeError(`weeks must hold 1 to ${maxChartWeeks} weeks, got ${weeks.length}`);
  }
  if (severities.length === 0) throw new RangeError('severities must name at least one severity');
  const names = new Set(severities.map((severity) => severity.name));
  const labels = new Set(severities.map((severity) => severity.label));
  if (names.size !== severities.length) throw new RangeError('severity names must be distinct');
  if (labels.size !== severities.length) throw new RangeError('severity labels must be distinct');
  weeks.forEach((week, index) => {
    const weekday = new Date(parseLocalDate(week.weekStart)).getUTCDay();
    if (weekday !== 1) throw new RangeError(`week ${week.weekStart} does not start on a Monday`);
    const previous = weeks[index - 1];
    if (previous && shiftDays(previous.weekStart, 7) !== week.weekStart) {
      throw new RangeError(`weeks must be consecutive, oldest first: ${week.weekStart} follows ${previous.weekStart}`);
    }
    for (const [name, count] of Object.entries(week.bySeverity)) {
      if (!names.has(name)) throw new RangeError(`week ${week.weekStart} counts unknown severity "${name}"`);
      if (!Number.isInteger(count) || count < 0) {
        throw new RangeError(`week ${week.weekStart}: ${name} count must be a whole number ≥ 0, got ${count}`);
      }
    }
    const restore = week.medianRestoreMs;
    if (restore !== null && (!Number.isFinite(restore) || restore < 0)) {
      throw new RangeError(`week ${week.weekStart}: medianRestoreMs must be ≥ 0 or null, got ${restore}`);
    }
  });
}

/** The total incidents of a week over the given severities. */
export function weekTotal(week: WeeklyChartWeek): number {
  return Object.values(week.bySeverity).reduce((sum, count) => sum + count, 0);
}
