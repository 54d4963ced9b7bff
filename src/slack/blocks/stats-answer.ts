import type { KnownBlock } from '@slack/types';
import type {
  DurationSummary,
  OnTimeShare,
  PeriodSpec,
  PeriodStats,
  ResponseMetricId,
  StatsReport,
} from '../../insights/index.ts';
import { describePeriod, responseMetricIds } from '../../insights/index.ts';
import type { Copy } from '../../platform/copy.ts';
import { formatDuration, shownDurationMs } from '../../platform/durations.ts';
import { ids } from '../ids.ts';
import { contextLine, mrkdwnSection } from './capped-list.ts';

/** What the answer says about the workspace's rules, beside the figures. */
export type StatsContext = {
  severityLabels: Record<string, string>;
  commanderSeverities: string[];
  roleNudgeMinutes: number;
  /** The Export CSV button's value: the query, so the export covers the same period and filters. */
  exportValue: string;
};

const metricLabels: Record<ResponseMetricId, string> = {
  time_to_detect: 'Time to detect',
  time_to_acknowledge: 'Time to acknowledge',
  time_to_mitigate: 'Time to mitigate',
  time_to_restore: 'Time to restore',
  time_to_restore_from_detection: 'Time to restore (from detection)',
};

/** The ephemeral answer to `/incident stats`: every figure with its trend, counts only for private incidents. */
export function statsAnswer(
  copy: Copy,
  report: StatsReport,
  context: StatsContext,
): { text: string; blocks: KnownBlock[] } {
  const { current, previous } = report;
  const title = copy.render('stats.title', {
    period: periodName(copy, report.spec, current),
    days: describePeriod(current.period),
    previous_days: `${previous.period.days} days`,
    previous: describePeriod(previous.period),
    severity: report.filter.severity ? (context.severityLabels[report.filter.severity] ?? report.filter.severity) : '',
    service: report.filter.service ?? '',
  });
  if (report.unknownService) {
    const text = copy.render('stats.unknown_service', {
      service: report.filter.service ?? '',
      suggestions: report.unknownService.suggestions.join(', '),
    });
    return { text, blocks: [mrkdwnSection(title), mrkdwnSection(text)] };
  }
  const lines = figureLines(copy, current, previous, context);
  const blocks: KnownBlock[] = [mrkdwnSection(title)];
  if (current.incidents + current.drills.count + current.nearMisses.count === 0)
    blocks.push(
      mrkdwnSection(copy.render('stats.empty', { service: report.filter.service ?? '', previous: previous.incidents })),
    );
  blocks.push(...lines.map((line) => mrkdwnSection(line)), contextLine(copy.render('stats.footnote')), {
    type: 'actions',
    block_id: 'stats_actions',
    elements: [
      {
        type: 'button',
        action_id: ids.actions.statsExport,
        text: { type: 'plain_text', text: copy.render('stats.export_button') },
        value: context.exportValue,
      },
    ],
  });
  return { text: title, blocks };
}

function figureLines(copy: Copy, current: PeriodStats, previous: PeriodStats, context: StatsContext): string[] {
  const label = (severity: string) => context.severityLabels[severity] ?? severity;
  // Most severe first, as configured (labels are listed in the configuration's order).
  const order = Object.keys(context.severityLabels);
  const rank = (severity: string) => (order.includes(severity) ? order.indexOf(severity) : order.length);
  const severityCounts = (rows: PeriodStats['bySeverity']): Array<[string, number]> =>
    [...rows]
      .sort((a, b) => rank(a.severity) - rank(b.severity) || a.severity.localeCompare(b.severity))
      .map((row) => [row.severity, row.count]);
  const bySeverity = breakdown(copy, severityCounts(current.bySeverity), severityCounts(previous.bySeverity), label);
  const lines = [
    copy.render('stats.incidents', {
      count: current.incidents,
      trend: countTrend(copy, current.incidents, previous.incidents),
      by_severity: bySeverity,
      private: current.privateIncidents,
    }),
  ];
  if (current.byService.length > 0 || current.withoutService > 0)
    lines.push(
      copy.render('stats.by_service', {
        services:
          breakdown(
            copy,
            current.byService.map((row) => [row.service, row.count]),
            previous.byService.map((row) => [row.service, row.count]),
          ) || '—',
        without: current.withoutService,
      }),
    );
  lines.push(
    copy.render('stats.apart', {
      drills: current.drills.count,
      drills_trend: countTrend(copy, current.drills.count, previous.drills.count),
      near_misses: current.nearMisses.count,
      near_misses_trend: countTrend(copy, current.nearMisses.count, previous.nearMisses.count),
    }),
    [
      copy.render('stats.response_title'),
      ...responseMetricIds.map((id) => responseLine(copy, id, current.response[id], previous.response[id])),
    ].join('\n'),
    copy.render('stats.repeats', repeatFigures(copy, current.repeats, previous.repeats)),
    onTimeLine(copy, 'stats.postmortems', current.postmortems, previous.postmortems),
    onTimeLine(copy, 'stats.actions', current.actions, previous.actions, { declined: current.actions.declined }),
    onTimeLine(copy, 'stats.updates', current.updates, previous.updates),
    copy.render('stats.role_coverage', {
      minutes: context.roleNudgeMinutes,
      severities: context.commanderSeverities.map(label).join(', ') || '—',
      share: shareText(copy, current.roleCoverage.covered, current.roleCoverage.total),
      trend: shareTrend(copy, current.roleCoverage.covered, current.roleCoverage.total, previous.roleCoverage),
    }),
  );
  return lines;
}

/**
 * "sev1 2 ▲1 · sev2 1": each name's count in the period, with its change from the period before; a name
 * seen only before shows as 0. In the order given (severity order, or the most incidents first).
 */
function breakdown(
  copy: Copy,
  now: Array<[string, number]>,
  before: Array<[string, number]>,
  label: (name: string) => string = (name) => name,
): string {
  const earlier = new Map(before);
  const names = [
    ...now.map(([name]) => name),
    ...before.map(([name]) => name).filter((name) => !now.some(([n]) => n === name)),
  ];
  const counts = new Map(now);
  // A section holds 3,000 characters: the busiest names, and how many more there were.
  const shown = names.slice(0, maxBreakdownItems).map((name) => {
    const count = counts.get(name) ?? 0;
    const delta = count - (earlier.get(name) ?? 0);
    return copy.render('stats.breakdown_item', { name: label(name), count, delta, magnitude: Math.abs(delta) });
  });
  const hidden = names.length - shown.length;
  return [...shown, ...(hidden > 0 ? [copy.render('stats.breakdown_more', { count: hidden })] : [])].join(' · ');
}

const maxBreakdownItems = 12;

function repeatFigures(copy: Copy, now: PeriodStats['repeats'], before: PeriodStats['repeats']) {
  const figure = (days: 30 | 60 | 90) => {
    const key = `within${days}` as const;
    return {
      [`d${days}`]: shareText(copy, now[key], now.withService),
      [`t${days}`]: shareTrend(copy, now[key], now.withService, { covered: before[key], total: before.withService }),
    };
  };
  return { ...figure(30), ...figure(60), ...figure(90) };
}

function responseLine(copy: Copy, id: ResponseMetricId, now: DurationSummary, before: DurationSummary): string {
  const show = (ms: number | null) => (ms === null ? '—' : formatDuration(ms));
  return copy.render('stats.response_line', {
    label: metricLabels[id],
    measured: now.measured,
    not_measured: now.notMeasured,
    inconsistent: now.inconsistent,
    median: show(now.medianMs),
    p90: show(now.p90Ms),
    mean: show(now.meanMs),
    trend: durationTrend(copy, now.medianMs, before.medianMs),
  });
}

function onTimeLine(
  copy: Copy,
  key: string,
  now: OnTimeShare,
  before: OnTimeShare,
  extra: Record<string, unknown> = {},
): string {
  const total = now.onTime + now.late;
  return copy.render(key, {
    share: shareText(copy, now.onTime, total),
    trend:
      total > 0
        ? shareTrend(copy, now.onTime, total, { covered: before.onTime, total: before.onTime + before.late })
        : '',
    pending: now.pending,
    ...extra,
  });
}

/** "3 of 4 (75 %)", or "none" when nothing was due. */
export function shareText(copy: Copy, part: number, total: number): string {
  return copy.render('stats.share', { part, total, percent: percentOf(part, total) });
}

function percentOf(part: number, total: number): number {
  return total === 0 ? 0 : Math.round((part / total) * 100);
}

/** "▲ 3 (was 9)": a count against the period before. */
export function countTrend(copy: Copy, now: number, before: number): string {
  return copy.render('stats.trend_count', { delta: now - before, magnitude: Math.abs(now - before), before });
}

/** "▼ 4m (was 12m)": a median against the period before; shorter is better, but the arrow only says which way. */
export function durationTrend(copy: Copy, now: number | null, before: number | null): string {
  if (now === null) return '';
  // Compared as shown, so the change is the difference a reader works out from the two figures.
  const delta = before === null ? 0 : shownDurationMs(now) - shownDurationMs(before);
  return copy.render('stats.trend_duration', {
    before: before === null ? '' : formatDuration(before),
    delta,
    change: before === null ? '' : formatDuration(Math.abs(delta)),
  });
}

function shareTrend(copy: Copy, part: number, total: number, before: { covered: number; total: number }): string {
  if (total === 0) return '';
  const delta = percentOf(part, total) - percentOf(before.covered, before.total);
  return copy.render('stats.trend_share', {
    before: before.total === 0 ? '' : percentOf(before.covered, before.total),
    delta,
    magnitude: Math.abs(delta),
  });
}

/** "the last 30 days", "this quarter so far" or "2026-11-01 to 2026-11-30". */
export function periodName(copy: Copy, spec: PeriodSpec, current: PeriodStats): string {
  if (spec.kind === 'days') return copy.render('stats.period_days', { days: spec.days });
  if (spec.kind === 'quarter') return copy.render('stats.period_quarter');
  return copy.render('stats.period_range', { from: current.period.from, through: spec.through });
}
