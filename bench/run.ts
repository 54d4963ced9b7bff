/**
 * `npm run bench`: starts the Slack emulator (Web API target only, rate limits off), Firebreak and a bare
 * Bolt app in this process, runs every scenario (or those named in BENCH_ONLY), prints a table and writes
 * bench/results/latest.json.
 * Exits 1 only when requests failed or something crashed — never because of timings.
 */
import { fileURLToPath } from 'node:url';
import { startEmulator } from '@firebreak/slack-emulator';
import { openBenchDatabase } from './database.ts';
import { LoadThread } from './load-thread.ts';
import { type BenchReport, countFailures, describeMachine, formatReport, writeReportJson } from './report.ts';
import type { BenchContext, Scenario, ScenarioResult } from './scenario.ts';
import { ackLatency } from './scenarios/ack-latency.ts';
import { actionReminders } from './scenarios/action-reminders.ts';
import { ingestion } from './scenarios/ingestion.ts';
import { insightsStats } from './scenarios/insights-stats.ts';
import { postmortemDrafting } from './scenarios/postmortem-drafting.ts';
import { selectByName } from './select-by-name.ts';
import { startBareBolt, startFirebreak } from './targets.ts';

/** Every scenario, in the order they run; add new ones here. */
const allScenarios: Scenario[] = [ackLatency, ingestion, postmortemDrafting, actionReminders, insightsStats];

const resultsPath = fileURLToPath(new URL('./results/latest.json', import.meta.url));
const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<number> {
  const started = Date.now();
  const cleanups: Array<[string, () => Promise<void>]> = [];
  const results: ScenarioResult[] = [];
  let databaseLabel = '';
  const scenarios = selectByName(allScenarios, process.env.BENCH_ONLY, 'BENCH_ONLY');
  try {
    const bench = await openBenchDatabase(process.env.DATABASE_URL || undefined);
    cleanups.push(['database', bench.destroy]);
    databaseLabel = bench.label;
    console.log(`database: ${bench.label}`);
    const emulator = await startEmulator({ rateLimits: false });
    cleanups.push(['emulator', () => emulator.close()]);
    const firebreak = await startFirebreak(emulator, bench.database);
    cleanups.push(['firebreak', firebreak.stop]);
    const bareBolt = await startBareBolt(emulator);
    cleanups.push(['bare bolt', bareBolt.stop]);
    const load = new LoadThread();
    cleanups.push(['load thread', () => load.close()]);
    log(`emulator ${emulator.baseUrl}, firebreak :${firebreak.endpoint.port}, bare bolt :${bareBolt.endpoint.port}`);
    let sequence = 0;
    const context: BenchContext = {
      emulator,
      database: bench.database,
      databaseUrl: bench.url,
      firebreak,
      bareBolt,
      signing: { signingSecret: emulator.signingSecret },
      load,
      responseUrl: `${emulator.baseUrl}/response/bench`,
      nextSequence: () => ++sequence,
      log,
    };
    for (const scenario of scenarios) {
      log(`${scenario.name}: ${scenario.description}`);
      results.push(...(await scenario.run(context)));
    }
  } finally {
    for (const [name, cleanup] of cleanups.reverse()) {
      await cleanup().catch((error: unknown) =>
        log(`cleanup of ${name} failed: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
  }
  const report: BenchReport = {
    startedAt: new Date(started).toISOString(),
    durationSeconds: (Date.now() - started) / 1000,
    machine: describeMachine(),
    database: databaseLabel,
    scenarios: results,
    failures: countFailures(results),
  };
  await writeReportJson(resultsPath, report);
  console.log('');
  console.log(formatReport(report));
  console.log(`\nresults: ${resultsPath}`);
  return report.failures > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('bench crashed:', error);
    process.exitCode = 1;
  },
);
