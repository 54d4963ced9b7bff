import { describe, expect, it } from 'vitest';
import { localPeriod, type PeriodStats, responseMetricIds, type StatsReport } from '../../src/insights/index.ts';
import { loadCopy } from '../../src/platform/copy.ts';
import { statsAnswer } from '../../src/slack/blocks/stats-answer.ts';

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
});
