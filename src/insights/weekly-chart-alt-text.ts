import { proseDate, yearOf } from './week-labels.ts';
import { type WeeklyChartInput, weekTotal } from './weekly-chart-input.ts';

/** Slack's limit on an image block's alt_text. */
export const maxAltTextLength = 1000;

/** A short duration for prose, rounded down: "45s", "25m", "3h 10m", "2d 4h". */
export function shortDuration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return `${Math.floor(ms / 1000)}s`;
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours}h` : `${hours}h ${minutes % 60}m`;
  return hours % 24 === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** "a", "a and b", "a, b and c", or past three "a, b, c and 2 more". */
function listed(items: string[]): string {
  const shown = items.length > 3 ? [...items.slice(0, 3), `${items.length - 3} more`] : items;
  return shown.length === 1 ? (shown[0] as string) : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}

function span(input: WeeklyChartInput): string {
  const first = input.weeks[0]?.weekStart as string;
  const last = input.weeks.at(-1)?.weekStart as string;
  const sameYear = yearOf(first) === yearOf(last);
  return `${plural(input.weeks.length, 'week')} from ${proseDate(first, !sameYear)} to ${proseDate(last, true)}`;
}

function incidents(input: WeeklyChartInput): string {
  const totals = input.weeks.map(weekTotal);
  const total = totals.reduce((sum, count) => sum + count, 0);
  if (total === 0) return 'no incidents';
  const perSeverity = input.severities
    .map(({ name, label }) => `${label} ${input.weeks.reduce((sum, week) => sum + (week.bySeverity[name] ?? 0), 0)}`)
    .join(', ');
  const most = Math.max(...totals);
  const busiest = input.weeks.filter((_, index) => totals[index] === most).map((week) => proseDate(week.weekStart));
  const weeks =
    busiest.length === 1
      ? `busiest week ${busiest[0]} with ${most}`
      : `busiest weeks ${listed(busiest)} with ${most} each`;
  return `${plural(total, 'incident')} in all (${perSeverity}); ${weeks}`;
}

function restore(input: WeeklyChartInput): string {
  const measured = input.weeks.flatMap((week) => (week.medianRestoreMs === null ? [] : [week.medianRestoreMs]));
  const missing = input.weeks.length - measured.length;
  if (measured.length === 0) return 'median time to restore not measured in any week';
  const low = shortDuration(Math.min(...measured));
  const high = shortDuration(Math.max(...measured));
  const range =
    low === high ? `median time to restore was ${low}` : `median time to restore ranged from ${low} to ${high}`;
  return missing === 0 ? range : `${range}, not measured in ${plural(missing, 'week')}`;
}

/**
 * A plain-English account of the chart's data for screen readers and Slack's alt_text: the span,
 * the incident total per severity, the busiest week and the range of median restore times; never
 * longer than Slack's 1,000 characters.
 */
export function weeklyChartAltText(input: WeeklyChartInput): string {
  const text = `Incidents per week by severity and median time to restore, ${span(input)}: ${incidents(input)}; ${restore(input)}.`;
  return text.length <= maxAltTextLength ? text : `${text.slice(0, maxAltTextLength - 1)}…`;
}
