import { describe, expect, it } from 'vitest';
import { localPeriod, type PeriodStats, responseMetricIds, type StatsReport } from '../../src/insights/index.ts';
import { loadCopy } from '../../src/platform/copy.ts';
import { durationTrend, statsAnswer } from '../../src/slack/blocks/stats-answer.ts';

const nothing = { measured: 0, notMeasured: 0, inconsistent: 0, medianMs: null, p90Ms: null, meanMs: null };

function periodStats(from: string, to: string, overrides: Partial<PeriodStats> = {}): PeriodStats {
  return {
    period: localPeriod(from, to, 'UTC'),
    incidents: 0,
    privateIncidents: 0,
    bySeverity: [],
    byService: [],
    withoutService: 0,
    drills: { count: 0, resolved: 0, medianRestoreMs: null },
    nearMisses: { count: 0, resolved: 0, medianRestoreMs: null },
    response: Object.fromEntries(responseMetricIds.map((id) => [id, nothing])) as PeriodStats['response'],
    repeats: { withService: 0, within30: 0, within60: 0, within90: 0 },
    postmortems: { onTime: 0, late: 0, pending: 0 },
    actions: { onTime: 0, late: 0, pending: 0, declined: 0 },
    updates: { onTime: 0, late: 0, pending: 0 },
    roleCoverage: { covered: 0, total: 0 },
    ...overrides,
  };
}

const context = {
  severityLabels: { sev1: 'SEV1' },
  commanderSeverities: ['sev1'],
  roleNudgeMinutes: 10,
  exportValue: '30d',
};

describe('the /incident stats answer', () => {
  it('keeps every section within Slack’s 3,000 characters when hundreds of services are named', async () => {
    const services = Array.from({ length: 300 }, (_, i) => ({ service: `service-with-a-long-name-${i}`, count: 1 }));
    const report: StatsReport = {
      spec: { kind: 'days', days: 30 },
      filter: {},
      current: periodStats('2026-11-04', '2026-12-04', { incidents: 300, byService: services }),
      previous: periodStats('2026-10-05', '2026-11-04'),
    };
    const { blocks } = statsAnswer(await loadCopy(), report, context);
    const texts = blocks.flatMap((block) => {
      const text = (block as { text?: { text?: string } }).text?.text;
      return text ? [text] : [];
    });
    expect(Math.max(...texts.map((text) => text.length))).toBeLessThanOrEqual(3000);
    expect(texts.join('\n')).toContain('and 288 more');
  });

  it('escapes a service name that looks like a broadcast or a link', async () => {
    const report: StatsReport = {
      spec: { kind: 'days', days: 30 },
      filter: {},
      current: periodStats('2026-11-04', '2026-12-04', {
        incidents: 1,
        byService: [{ service: '<!channel> <https://evil.example|pay>', count: 1 }],
      }),
      previous: periodStats('2026-10-05', '2026-11-04'),
    };
    const shown = JSON.stringify(statsAnswer(await loadCopy(), report, context).blocks);
    expect(shown).not.toContain('<!channel>');
    expect(shown).not.toContain('<https://evil.example');
  });

  it('gives a median’s change as the difference of the two figures it shows', async () => {
    const copy = await loadCopy();
    const minute = 60_000;
    // 90m 00.004s against 180m 00.001s: shown as 1h 30m and 3h 00m, so 1h 30m apart (not 1h 29m 59.997s).
    expect(durationTrend(copy, 90 * minute + 4, 180 * minute + 1)).toBe('▼ 1h 30m _(was 3h 00m)_');
    expect(durationTrend(copy, 180 * minute + 1, 90 * minute + 4)).toBe('▲ 1h 30m _(was 1h 30m)_');
    // Within the same shown minute: no change, whichever way the milliseconds go.
    expect(durationTrend(copy, 12 * minute + 59_000, 12 * minute + 1000)).toBe('= _(was 12m)_');
    expect(durationTrend(copy, 45_500, 45_000)).toBe('= _(was 45s)_');
    // Past a day it reads in hours: 2d 5h against 1d 5h, whatever the minutes.
    expect(durationTrend(copy, (53 * 60 + 30) * minute, (29 * 60 + 45) * minute)).toBe('▲ 1d 0h _(was 1d 5h)_');
    expect(durationTrend(copy, 45_000, null)).toBe('_(not measured before)_');
    expect(durationTrend(copy, null, 45_000)).toBe('');
  });
});
