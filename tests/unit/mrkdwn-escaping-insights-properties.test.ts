import fc from 'fast-check';
import { describe, it } from 'vitest';
import {
  type Digest,
  type DurationSummary,
  localPeriod,
  type PeriodStats,
  responseMetricIds,
  type StatsReport,
} from '../../src/insights/index.ts';
import { loadCopy } from '../../src/platform/copy.ts';
import { reliabilityDigestMessage } from '../../src/slack/blocks/reliability-digest.ts';
import { statsAnswer } from '../../src/slack/blocks/stats-answer.ts';
import { expectOnlyOwnControls } from '../support/mrkdwn-controls.ts';

// Service names, severity names and incident titles are typed by people; the stats answer and the
// weekly digest show them, and must never turn them into pings or links (10,000 generated inputs each).
const copy = await loadCopy();

function stats(fields: Partial<PeriodStats>): PeriodStats {
  const response = Object.fromEntries(
    responseMetricIds.map((id): [string, DurationSummary] => [
      id,
      { measured: 1, notMeasured: 0, inconsistent: 0, medianMs: 600_000, p90Ms: 900_000, meanMs: 700_000 },
    ]),
  ) as PeriodStats['response'];
  const share = { onTime: 1, late: 1, pending: 0 };
  return {
    period: localPeriod('2026-11-03', '2026-12-03', 'UTC'),
    incidents: 3,
    privateIncidents: 1,
    bySeverity: [{ severity: 'sev1', count: 3 }],
    byService: [],
    withoutService: 1,
    drills: { count: 1, resolved: 1, medianRestoreMs: 60_000 },
    nearMisses: { count: 1, resolved: 0, medianRestoreMs: null },
    response,
    repeats: { withService: 2, within30: 1, within60: 1, within90: 2 },
    postmortems: share,
    actions: { ...share, declined: 1 },
    updates: share,
    roleCoverage: { covered: 1, total: 2 },
    ...fields,
  };
}

describe('insights built from typed text', () => {
  it('the stats answer (service names, severity names, an unknown service and its suggestions)', () => {
    expectOnlyOwnControls(3, fc.boolean(), ([service = '', other = '', severity = ''], unknown) => {
      const current = stats({
        byService: [
          { service, count: 2 },
          { service: other, count: 1 },
        ],
        bySeverity: [{ severity, count: 3 }],
      });
      const report: StatsReport = {
        spec: { kind: 'days', days: 30 },
        filter: { service, severity },
        current,
        previous: stats({ period: localPeriod('2026-10-04', '2026-11-03', 'UTC') }),
        ...(unknown ? { unknownService: { suggestions: [other, 'web'] } } : {}),
      };
      return statsAnswer(copy, report, {
        severityLabels: { sev1: 'SEV1' },
        commanderSeverities: ['sev1'],
        roleNudgeMinutes: 10,
        exportValue: '30d',
      });
    });
  });

  it('the reliability digest (incident titles and severity names)', () => {
    expectOnlyOwnControls(3, fc.constant(null), ([title = '', other = '', severity = '']) => {
      const listed = [
        { ref: 'INC-7', title, severity: 'sev1', channelId: 'C0INC' },
        { ref: 'INC-8', title: other, severity, channelId: null },
      ];
      const digest: Digest = {
        weekStart: '2026-11-23',
        weekEnd: '2026-11-29',
        week: stats({ period: localPeriod('2026-11-23', '2026-11-30', 'UTC') }),
        previous: stats({ period: localPeriod('2026-10-26', '2026-11-23', 'UTC') }),
        opened: { total: 3, listed, privateCount: 1, bySeverity: [{ severity, count: 2 }] },
        resolved: { total: 2, listed, privateCount: 0, bySeverity: [{ severity: 'sev1', count: 2 }] },
        postmortems: { dueOnTime: 1, dueLate: 2, duePending: 0, overdueNow: 3 },
        actions: { closed: 4, declined: 1, overdueNow: 5, dueOnTime: 2, dueLate: 1 },
        drills: { opened: 1, resolved: 1 },
        nearMisses: { opened: 2, resolved: 0 },
        series: [],
      };
      return reliabilityDigestMessage(copy, {
        digest,
        weekLabel: 'Nov 23',
        timeZone: 'UTC',
        severityLabels: { sev1: 'SEV1' },
        severityOrder: ['sev1'],
      });
    });
  });
});
