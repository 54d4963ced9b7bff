import { incidentRef } from '../incidents/index.ts';
import { type LocalDate, localDateOf, shiftDays } from '../platform/local-time.ts';
import type { Digest, DigestIncidentRow, DigestIncidents, DigestWeekRow } from './digest.ts';
import { countActionsClosed, countOverdueNow, listWeekIncidents, loadWeeklySeries } from './digest-repo.ts';
import { localPeriod } from './stats-period.ts';
import { periodStats, type StatsDeps, statsRules } from './stats-service.ts';
import { digestWeeks } from './week-starts.ts';

/** The weeks the digest compares the week with: the four before it. */
export const comparisonWeeks = 4;

/**
 * The figures of the digest for the week starting `weekStart` (a Monday, in the configured zone):
 * the week against the four weeks before it, what was opened and resolved, postmortems and actions
 * due, overdue now and closed, and the twelve-week series for the chart. Private incidents are counted
 * and never named; drills and near-misses are kept apart from the real figures.
 */
export async function loadDigest(deps: StatsDeps, input: { teamId: string; weekStart: LocalDate }): Promise<Digest> {
  const { teamId, weekStart } = input;
  const timeZone = deps.config.timezone;
  const now = deps.clock.now();
  const period = localPeriod(weekStart, shiftDays(weekStart, 7), timeZone);
  const comparison = localPeriod(shiftDays(weekStart, -7 * comparisonWeeks), weekStart, timeZone);
  const seriesFrom = shiftDays(weekStart, -7 * (digestWeeks - 1));
  const series = localPeriod(seriesFrom, period.to, timeZone);
  const { nearMissSeverities } = statsRules(deps.config);
  const window = { teamId, fromAt: period.fromAt, toAt: period.toAt, nearMissSeverities };
  const [week, previous, incidents, overdue, closed, weeks] = await Promise.all([
    periodStats(deps, { teamId, period }),
    periodStats(deps, { teamId, period: comparison }),
    listWeekIncidents(deps.db, window),
    countOverdueNow(deps.db, { teamId, now, today: localDateOf(now, timeZone), nearMissSeverities }),
    countActionsClosed(deps.db, { teamId, fromAt: period.fromAt, toAt: period.toAt }),
    loadWeeklySeries(deps.db, { ...window, fromAt: series.fromAt, timeZone }),
  ]);
  return {
    weekStart,
    weekEnd: shiftDays(weekStart, 6),
    week,
    previous,
    opened: incidentsOf(incidents.filter((row) => row.opened)),
    resolved: incidentsOf(incidents.filter((row) => row.resolved)),
    postmortems: {
      dueOnTime: week.postmortems.onTime,
      dueLate: week.postmortems.late,
      duePending: week.postmortems.pending,
      overdueNow: overdue.postmortems,
    },
    actions: {
      closed: closed.done,
      declined: closed.declined,
      overdueNow: overdue.actions,
      dueOnTime: week.actions.onTime,
      dueLate: week.actions.late,
    },
    drills: { opened: week.drills.count, resolved: week.drills.resolved },
    nearMisses: { opened: week.nearMisses.count, resolved: week.nearMisses.resolved },
    series: everyWeek(seriesFrom, weeks),
  };
}

function incidentsOf(rows: DigestIncidentRow[]): DigestIncidents {
  const bySeverity = new Map<string, number>();
  for (const row of rows) bySeverity.set(row.severity, (bySeverity.get(row.severity) ?? 0) + 1);
  return {
    total: rows.length,
    listed: rows.flatMap((row) =>
      row.isPrivate || row.number === null
        ? []
        : [
            {
              ref: incidentRef({ number: row.number }),
              title: row.title ?? '',
              severity: row.severity,
              channelId: row.channelId,
            },
          ],
    ),
    privateCount: rows.filter((row) => row.isPrivate).length,
    bySeverity: [...bySeverity].map(([severity, count]) => ({ severity, count })),
  };
}

// Quiet weeks are in the chart as zeros: a gap would read as missing data.
function everyWeek(from: LocalDate, rows: DigestWeekRow[]): DigestWeekRow[] {
  const byStart = new Map(rows.map((row) => [row.weekStart, row]));
  return Array.from({ length: digestWeeks }, (_, index) => {
    const weekStart = shiftDays(from, 7 * index);
    return byStart.get(weekStart) ?? { weekStart, bySeverity: {}, medianRestoreMs: null };
  });
}
