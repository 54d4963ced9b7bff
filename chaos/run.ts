/**
 * `npm run chaos`: starts the Slack emulator, runs every chaos scenario (or those named in CHAOS_ONLY) against real
 * Firebreak processes on PostgreSQL (CHAOS_PG_URL, default 127.0.0.1:5432), prints the figures.
 * Exits 1 when any scenario saw a guarantee broken (an event lost or doubled) or crashed.
 */
import { startEmulator } from '@firebreak/slack-emulator';
import { selectByName } from '../bench/select-by-name.ts';
import { defaultAdminUrl } from './database.ts';
import { secretsSeen } from './firebreak-process.ts';
import { formatReport } from './report.ts';
import type { ChaosResult, ChaosScenario } from './scenario.ts';
import { killDuringBurst } from './scenarios/kill-during-burst.ts';
import { postgresRestart } from './scenarios/postgres-restart.ts';
import { rateLimitStorm } from './scenarios/rate-limit-storm.ts';
import { slackDown } from './scenarios/slack-down.ts';
import { soak } from './scenarios/soak.ts';
import { twoReplicasDuplicates } from './scenarios/two-replicas-duplicates.ts';

/** Every scenario, in the order they run (the long soak last); add new ones here. */
const allScenarios: ChaosScenario[] = [
  killDuringBurst,
  twoReplicasDuplicates,
  postgresRestart,
  slackDown,
  rateLimitStorm,
  soak,
];
const defaultEvents = 10_000;

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<number> {
  const scenarios = selectByName(allScenarios, process.env.CHAOS_ONLY, 'CHAOS_ONLY');
  const events = process.env.CHAOS_EVENTS ? Number(process.env.CHAOS_EVENTS) : defaultEvents;
  const declares = process.env.CHAOS_DECLARES ? Number(process.env.CHAOS_DECLARES) : undefined;
  const seed = process.env.CHAOS_SEED ? Number(process.env.CHAOS_SEED) : undefined;
  const outageSeconds = process.env.CHAOS_OUTAGE_SECONDS ? Number(process.env.CHAOS_OUTAGE_SECONDS) : undefined;
  const adminUrl = process.env.CHAOS_PG_URL || defaultAdminUrl;
  const emulator = await startEmulator({ rateLimits: false });
  const results: ChaosResult[] = [];
  try {
    for (const scenario of scenarios) {
      log(`${scenario.name}: ${scenario.description}`);
      try {
        results.push(await scenario.run({ emulator, adminUrl, events, declares, seed, outageSeconds, log }));
      } catch (error) {
        results.push({ name: scenario.name, figures: [], problems: [`crashed: ${(error as Error).stack ?? error}`] });
      }
    }
  } finally {
    await emulator.close();
  }
  results.push(secretsInLogs());
  console.log(formatReport(results));
  return results.some((result) => result.problems.length > 0) ? 1 : 0;
}

/** Every line every Firebreak process wrote, checked for the tokens and secrets it was started with. */
function secretsInLogs(): ChaosResult {
  const { processes, bytes, leaked } = secretsSeen();
  return {
    name: 'secrets-in-logs',
    figures: [
      ['processes watched', processes],
      ['log bytes scanned', bytes],
    ],
    problems: leaked.map((name) => `the value of ${name} appeared in a Firebreak log`),
    passed: 'no token, signing secret or password in any log line',
  };
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
