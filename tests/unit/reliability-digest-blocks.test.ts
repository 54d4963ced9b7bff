import { describe, expect, it } from 'vitest';
import {
  type Digest,
  type DurationSummary,
  localPeriod,
  type PeriodStats,
  responseMetricIds,
} from '../../src/insights/index.ts';
import { loadCopy } from '../../src/platform/copy.ts';
import {
  type DigestView,
  maxListedIncidents,
  reliabilityDigestMessage,
} from '../../src/slack/blocks/reliability-digest.ts';

const copy = await loadCopy();
const minutes = (n: number) => n * 60_000;

function stats(from: string, to: string, medians: Partial<Record<(typeof responseMetricIds)[number], number>> = {}) {
  const response = Object.fromEntries(
    responseMetricIds.map((id): [string, DurationSummary] => [
      id,
      {
        measured: medians[id] === undefined ? 0 : 1,
        notMeasured: 0,
        inconsistent: 0,
        medianMs: medians[id] ?? null,
        p90Ms: null,
        meanMs: null,
      },
    ]),
  ) as PeriodStats['response'];
  const none = { onTime: 0, late: 0, pending: 0 };
  return {
    period: localPeriod(from, to, 'UTC'),
    incidents: 0,
    privateIncidents: 0,
    bySeverity: [],
    byService: [],
    withoutService: 0,
    drills: { count: 0, resolved: 0, medianRestoreMs: null },
    nearMisses: { count: 0, resolved: 0, medianRestoreMs: null },
    response,
    repeats: { withService: 0, within30: 0, within60: 0, within90: 0 },
    postmortems: none,
    actions: { ...none, declined: 0 },
    updates: none,
    roleCoverage: { covered: 0, total: 0 },
  } satisfies PeriodStats;
}

function digest(overrides: Partial<Digest> = {}): Digest {
  const none = { total: 0, listed: [], privateCount: 0, bySeverity: [] };
  return {
    weekStart: '2026-11-23',
    weekEnd: '2026-11-29',
    week: stats('2026-11-23', '2026-11-30', { time_to_restore: minutes(65) }),
    previous: stats('2026-10-26', '2026-11-23', { time_to_restore: minutes(130) }),
    opened: none,
    resolved: none,
    postmortems: { dueOnTime: 1, dueLate: 2, duePending: 0, overdueNow: 3 },
    actions: { closed: 4, declined: 1, overdueNow: 5, dueOnTime: 2, dueLate: 1 },
    drills: { opened: 1, resolved: 1 },
    nearMisses: { opened: 2, resolved: 0 },
    series: [],
    ...overrides,
  };
}

function view(d: Digest): DigestView {
  return {
    digest: d,
    weekLabel: 'Nov 23',
    timeZone: 'Europe/Berlin',
    severityLabels: { sev1: 'SEV1', sev2: 'SEV2' },
    severityOrder: ['sev1', 'sev2'],
  };
}

const shown = (d: Digest) => JSON.stringify(reliabilityDigestMessage(copy, view(d)));

describe('the reliability digest message', () => {
  it('is headed with the week it is about', () => {
    const { blocks } = reliabilityDigestMessage(copy, view(digest()));
    expect(blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Reliability digest: week of Nov 23', emoji: true },
    });
  });

  it('names public incidents with their channel and only counts private ones', () => {
    const text = shown(
      digest({
        opened: {
          total: 3,
          listed: [
            { ref: 'INC-4', title: 'Checkout errors', severity: 'sev2', channelId: 'C0INC4' },
            { ref: 'INC-5', title: 'Search slow', severity: 'sev1', channelId: null },
          ],
          privateCount: 1,
          bySeverity: [
            { severity: 'sev2', count: 2 },
            { severity: 'sev1', count: 1 },
          ],
        },
      }),
    );
    expect(text).toContain('*INC-4* Checkout errors · SEV2 · <#C0INC4>');
    expect(text).toContain('*INC-5* Search slow · SEV1');
    expect(text).toContain('*Opened:* 3 incidents (SEV1 1 · SEV2 2)');
    expect(text).toContain('1 private incident (counted, not named)');
  });

  it('compares each median response time with the four weeks before', () => {
    const text = shown(digest());
    expect(text).toContain('Time to restore: 1h 05m · 2h 10m');
    expect(text).toContain('Time to detect: not measured · not measured');
  });

  it('gives postmortems and actions due, late, closed and overdue now', () => {
    const text = shown(digest());
    expect(text).toContain('3 due this week: 1 on time, 2 late · 3 overdue now');
    expect(text).toContain('4 closed this week (1 declined) · 3 due this week: 2 on time, 1 late · 5 overdue now');
  });

  it('puts drills and near-misses on lines of their own, after the real figures', () => {
    const { blocks } = reliabilityDigestMessage(copy, view(digest()));
    const texts = blocks.map((block) => JSON.stringify(block));
    const drills = texts.findIndex((t) => t.includes('*Drills:* 1 run this week'));
    const nearMisses = texts.findIndex((t) => t.includes('*Near-misses:* 2 this week'));
    const actions = texts.findIndex((t) => t.includes('*Corrective actions:*'));
    expect(drills).toBeGreaterThan(actions);
    expect(nearMisses).toBeGreaterThan(actions);
    expect(drills).not.toBe(nearMisses);
  });

  it('names at most a few incidents and counts the rest', () => {
    const listed = Array.from({ length: maxListedIncidents + 3 }, (_, i) => ({
      ref: `INC-${i + 1}`,
      title: `Incident ${i + 1}`,
      severity: 'sev2',
      channelId: null,
    }));
    const text = shown(digest({ resolved: { total: listed.length, listed, privateCount: 0, bySeverity: [] } }));
    expect(text).toContain(`INC-${maxListedIncidents}*`);
    expect(text).not.toContain(`INC-${maxListedIncidents + 1}*`);
    expect(text).toContain('…and 3 more');
  });
});
