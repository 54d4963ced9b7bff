import { performance } from 'node:perf_hooks';
import { incidentStats, periodsFor, type StatsPeriod, type StatsReport } from '../../src/insights/index.ts';
import { loadCopy } from '../../src/platform/copy.ts';
import { statsAnswer } from '../../src/slack/blocks/stats-answer.ts';
import { openRawSql, type RawSql } from '../raw-sql.ts';
import { type BenchContext, type Scenario, type ScenarioResult, sequentialRow } from '../scenario.ts';
import { handWrittenStats } from '../stats-baseline.ts';
import { seedStats, statsTeamId } from '../stats-seed.ts';

const scenario = 'insights-stats';
const seed = { incidents: 10_000, entriesPerIncident: 100 };
/** Periods asked for: the default, and a year (against the year before: every seeded incident). */
const specs = [
  { label: '30d', spec: { kind: 'days', days: 30 } },
  { label: '365d', spec: { kind: 'days', days: 365 } },
] as const;
const warmup = 3;
const repetitions = 15;
const targets = { ratio: 1.5, answerMs: 1000 } as const;

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

function baselineParams(period: StatsPeriod, now: Date, timeZone: string, minutes: number): unknown[] {
  return [statsTeamId, period.fromAt, period.toAt, period.from, period.to, now, timeZone, minutes];
}

/**
 * `/incident stats` over 10,000 incidents and 1,000,000 timeline entries: the service and the answer's
 * blocks (both periods), next to the same aggregates as one hand-written query per period on a connection
 * of the bench's own, run the same way (both periods at once). PostgreSQL only: on PGlite it is skipped.
 */
export const insightsStats: Scenario = {
  name: scenario,
  description: `/incident stats over ${seed.incidents.toLocaleString('en')} incidents and ${(seed.incidents * seed.entriesPerIncident).toLocaleString('en')} timeline entries, against one hand-written SQL query`,
  async run(context: BenchContext): Promise<ScenarioResult[]> {
    if (!context.databaseUrl)
      return [
        {
          name: scenario,
          rows: [],
          comparisons: [],
          sanity: { skipped: 'needs PostgreSQL (DATABASE_URL)' },
          problems: [],
        },
      ];
    const raw: RawSql = openRawSql(context.database, context.databaseUrl, 4);
    try {
      const seeded = await seedStats(raw, seed);
      context.log(`${scenario}: seeded in ${(seeded.sqlMs / 1000).toFixed(1)} s`);
      const deps = context.firebreak.app.deps;
      const { config } = deps;
      const copy = await loadCopy();
      const result: ScenarioResult = {
        name: scenario,
        rows: [],
        comparisons: [],
        sanity: {
          'seeded incidents / timeline entries / milestones / updates / postmortems / actions': `${seeded.incidents} / ${seeded.timelineEntries} / ${seeded.milestones} / ${seeded.updates} / ${seeded.postmortems} / ${seeded.actions}`,
        },
        problems: [],
      };
      for (const { label, spec } of specs) {
        let report: StatsReport | undefined;
        const answer = async () => {
          report = await incidentStats(deps, { teamId: statsTeamId, spec, filter: {} });
          statsAnswer(copy, report, {
            severityLabels: {},
            commanderSeverities: ['sev0', 'sev1', 'sev2'],
            roleNudgeMinutes: config.reminders.role_nudge_minutes,
            exportValue: label,
          });
        };
        const hand = async () => {
          const now = deps.clock.now();
          const { current, previous } = periodsFor(spec, now, config.timezone);
          const minutes = config.reminders.role_nudge_minutes;
          await Promise.all(
            [current, previous].map((period) =>
              raw.query(handWrittenStats, baselineParams(period, now, config.timezone, minutes)),
            ),
          );
        };
        for (let i = 0; i < warmup; i++) {
          await answer();
          await hand();
        }
        const answerMs: number[] = [];
        const handMs: number[] = [];
        // Alternating, so a slow moment of the machine falls on both.
        for (let i = 0; i < repetitions; i++) {
          answerMs.push(await timed(answer));
          handMs.push(await timed(hand));
        }
        const subject = sequentialRow(scenario, `stats ${label}`, answerMs);
        const baseline = sequentialRow(scenario, `hand-written SQL ${label}`, handMs);
        result.rows.push(subject, baseline);
        const ratio = subject.latencyMs.p50 / baseline.latencyMs.p50;
        result.comparisons.push({
          scenario: `${scenario} ${label}`,
          concurrency: 1,
          subject: subject.target,
          baseline: baseline.target,
          p50Ratio: ratio,
          p99Ratio: subject.latencyMs.p99 / baseline.latencyMs.p99,
          checks: [
            {
              target: `stats ≤ ${targets.ratio}× the hand-written query (median)`,
              measured: `${subject.latencyMs.p50.toFixed(1)} ÷ ${baseline.latencyMs.p50.toFixed(1)} ms = ${ratio.toFixed(2)}×`,
              pass: ratio <= targets.ratio,
            },
            {
              target: `answer within ${targets.answerMs} ms (slowest of ${repetitions})`,
              measured: `${subject.latencyMs.max.toFixed(1)} ms (median ${subject.latencyMs.p50.toFixed(1)})`,
              pass: subject.latencyMs.max <= targets.answerMs,
            },
          ],
        });
        if (report)
          result.sanity[`${label}: incidents now / before, restore median ms`] =
            `${report.current.incidents} / ${report.previous.incidents}, ${report.current.response.time_to_restore.medianMs}`;
        if (!report || report.current.incidents === 0) result.problems.push(`${label}: the period held no incidents`);
      }
      return [result];
    } finally {
      await raw.close();
    }
  },
};
