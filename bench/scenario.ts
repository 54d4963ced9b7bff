import type { Emulator } from '@firebreak/slack-emulator';
import type { Database } from '../src/platform/db.ts';
import { type LatencySummary, summarize } from './load.ts';
import type { LoadThread } from './load-thread.ts';
import type { SigningOptions } from './slack-requests.ts';
import type { FirebreakTarget, Target } from './targets.ts';

/** Everything a scenario may use; run.ts builds it once for the whole bench. */
export type BenchContext = {
  emulator: Emulator;
  /** The bench's own migrated database, the one Firebreak uses. */
  database: Database;
  /** Its connection URL on PostgreSQL (for connections of the bench's own); undefined on PGlite. */
  databaseUrl: string | undefined;
  firebreak: FirebreakTarget;
  /** The bare Bolt app every Firebreak figure is compared with. */
  bareBolt: Target;
  signing: SigningOptions;
  /** Sends HTTP load from a thread of its own, as Slack would from elsewhere. */
  load: LoadThread;
  /** response_url put in every slash command (the emulator answers 404: fine). */
  responseUrl: string;
  /** A number never handed out before in this process (unique trigger_ids, event_ids…). */
  nextSequence(): number;
  /** Progress line on stderr, so stdout stays the report. */
  log(line: string): void;
};

/** One measured (scenario, target) pair: every counted request of every round. */
export type ResultRow = {
  scenario: string;
  target: string;
  n: number;
  concurrency: number;
  latencyMs: LatencySummary;
  /** Requests sent ÷ wall time of the rounds that sent them. */
  throughputPerSec: number;
  /** Measured requests that failed (non-200, wrong answer, socket error, timeout). */
  errors: number;
  /** Failed untimed requests: warm-up and connection openers (not measured, but still failures). */
  untimedErrors: number;
  errorsByReason: Record<string, number>;
  untimedErrorsByReason: Record<string, number>;
  errorSamples: string[];
};

/** A goal from the issue, checked against one measurement. */
export type TargetCheck = { target: string; measured: string; pass: boolean };

/** A Firebreak row next to the baseline row measured with the same requests. */
export type Comparison = {
  scenario: string;
  concurrency: number;
  subject: string;
  baseline: string;
  p50Ratio: number;
  p99Ratio: number;
  checks: TargetCheck[];
};

/** What a scenario hands back to the report. */
export type ScenarioResult = {
  name: string;
  rows: ResultRow[];
  comparisons: Comparison[];
  /** Facts that show the scenario did what it claims (e.g. incidents created, outbox drained). */
  sanity: Record<string, string | number | boolean>;
  /** Anything that went wrong besides failed requests (e.g. the outbox never drained); makes the bench fail. */
  problems: string[];
};

/** A benchmark scenario; add one as a file under bench/scenarios/ and list it in run.ts. */
export type Scenario = {
  name: string;
  /** One line for the report. */
  description: string;
  run(context: BenchContext): Promise<ScenarioResult[]>;
};

/** A row of timings taken one after another (concurrency 1), as the drafting and stats scenarios take them. */
export function sequentialRow(scenario: string, target: string, samplesMs: number[]): ResultRow {
  const latencyMs = summarize(samplesMs);
  return {
    scenario,
    target,
    n: samplesMs.length,
    concurrency: 1,
    latencyMs,
    throughputPerSec: 1000 / latencyMs.mean,
    errors: 0,
    untimedErrors: 0,
    errorsByReason: {},
    untimedErrorsByReason: {},
    errorSamples: [],
  };
}
