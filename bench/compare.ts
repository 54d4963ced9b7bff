import { type LoadResult, mergeErrors, type ResponseExpectation, summarize } from './load.ts';
import type { LoadThread } from './load-thread.ts';
import type { Comparison, ResultRow, TargetCheck } from './scenario.ts';
import type { SignedRequest } from './slack-requests.ts';
import type { Target } from './targets.ts';

/** Options of {@link measureSideBySide}. */
export type SideBySideOptions = {
  scenario: string;
  /** What is measured (Firebreak) and what it is compared with (bare Bolt). */
  subject: Target;
  baseline: Target;
  /** Counted requests per target, split evenly over the rounds. */
  n: number;
  concurrency: number;
  /** Rounds alternate the order (baseline first, then subject first, …) so drift hits both alike. */
  rounds: number;
  /** Uncounted requests sent to each target first. */
  warmup: number;
  /** Builds `count` fresh signed requests (called just before each batch, so timestamps are current). */
  build(count: number): SignedRequest[];
  /** Builds `count` cheap untimed requests that open the connections before each batch. */
  buildConnectionOpeners(count: number): SignedRequest[];
  /** What each target's answers must be. */
  expectFrom(target: Target): ResponseExpectation;
  /** Sends the requests (from its own thread). */
  load: LoadThread;
  /** Runs after each batch sent to the subject (e.g. wait for its background work), before the next batch. */
  afterSubjectBatch?(): Promise<void>;
  log(line: string): void;
};

/**
 * A full garbage collection before each batch (untimed). Both targets, the emulator and PGlite share this
 * process's heap: without it, a batch pays for garbage that the previous batch, or the outbox drain after
 * it, left behind (major collections of 20–30 ms were measured here), and a c=100 p99 is set by such a
 * single pause, landing on either target at random. `npm run bench` runs node with --expose-gc.
 */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * Measures subject and baseline with the same requests at the same concurrency, in alternating rounds
 * (B S | S B | B S …), and returns one row per target over all counted requests. Each target gets its own
 * keep-alive agent, and `concurrency` connections are opened (untimed) right before every batch: idle
 * keep-alive sockets close after ~4 s, and TCP set-up would otherwise land in the first wave's timings.
 */
export async function measureSideBySide(
  options: SideBySideOptions,
): Promise<{ subject: ResultRow; baseline: ResultRow }> {
  const { subject, baseline, concurrency, load } = options;
  type Collected = { agent: string; timed: LoadResult[]; untimed: LoadResult[] };
  const collected = new Map<Target, Collected>([
    [baseline, { agent: `${options.scenario}:${concurrency}:baseline`, timed: [], untimed: [] }],
    [subject, { agent: `${options.scenario}:${concurrency}:subject`, timed: [], untimed: [] }],
  ]);
  const fire = async (target: Target, count: number, timed: boolean) => {
    const state = collected.get(target)!;
    state.untimed.push(
      await load.fire({
        agent: state.agent,
        endpoint: target.endpoint,
        requests: options.buildConnectionOpeners(concurrency),
        concurrency,
      }),
    );
    collectGarbage();
    const result = await load.fire({
      agent: state.agent,
      endpoint: target.endpoint,
      requests: options.build(count),
      concurrency,
      expect: options.expectFrom(target),
    });
    (timed ? state.timed : state.untimed).push(result);
    if (target === subject) await options.afterSubjectBatch?.();
    return result;
  };
  const measureRounds = async () => {
    const perRound = Math.ceil(options.n / options.rounds);
    let remaining = options.n;
    for (let round = 0; round < options.rounds && remaining > 0; round++) {
      const count = Math.min(perRound, remaining);
      remaining -= count;
      const order = round % 2 === 0 ? [baseline, subject] : [subject, baseline];
      for (const target of order) {
        const result = await fire(target, count, true);
        options.log(
          `  ${options.scenario} c=${concurrency} round ${round + 1}/${options.rounds} ${target.name}: ${count} requests in ${result.wallMs.toFixed(0)} ms`,
        );
      }
    }
  };
  try {
    for (const target of [baseline, subject]) await fire(target, options.warmup, false);
    await measureRounds();
  } finally {
    for (const state of collected.values()) await load.destroyAgent(state.agent);
  }
  const errorsOf = (results: LoadResult[]) =>
    results.reduce((all, r) => mergeErrors(all, r.errors), {} as Record<string, number>);
  const total = (errors: Record<string, number>) => Object.values(errors).reduce((a, b) => a + b, 0);
  const row = (target: Target): ResultRow => {
    const { timed, untimed } = collected.get(target)!;
    const latencies = timed.flatMap((r) => r.latenciesMs);
    const errorsByReason = errorsOf(timed);
    const untimedErrorsByReason = errorsOf(untimed);
    const wallMs = timed.reduce((sum, r) => sum + r.wallMs, 0);
    return {
      scenario: options.scenario,
      target: target.name,
      n: latencies.length,
      concurrency,
      latencyMs: summarize(latencies),
      throughputPerSec: latencies.length / (wallMs / 1000),
      errors: total(errorsByReason),
      untimedErrors: total(untimedErrorsByReason),
      errorsByReason,
      untimedErrorsByReason,
      errorSamples: [
        ...timed.flatMap((r) => r.errorSamples),
        ...untimed.flatMap((r) => r.errorSamples.map((e) => `(untimed) ${e}`)),
      ].slice(0, 5),
    };
  };
  return { subject: row(subject), baseline: row(baseline) };
}

/** Limits from the issue: Firebreak's p99 at most this many times bare Bolt's … */
export const maxP99Ratio = 1.5;
/** … and no acknowledgement slower than Slack's 3-second deadline at this concurrency. */
export const deadlineMs = 3000;
/** … at this many requests in flight. */
export const deadlineConcurrency = 100;

/**
 * Ratios of subject to baseline and the targets, checked (never asserted: timings vary). A target
 * measured over failed requests is a FAIL whatever the timings: fast errors prove nothing.
 */
export function compareRows(subject: ResultRow, baseline: ResultRow): Comparison {
  const p50Ratio = subject.latencyMs.p50 / baseline.latencyMs.p50;
  const p99Ratio = subject.latencyMs.p99 / baseline.latencyMs.p99;
  const failed = subject.errors + baseline.errors;
  const caveat = failed > 0 ? ` over ${failed} failed requests, not meaningful` : '';
  const checks: TargetCheck[] = [
    {
      target: `p99 ≤ ${maxP99Ratio}× bare Bolt`,
      measured: `${p99Ratio.toFixed(2)}×${caveat}`,
      pass: failed === 0 && p99Ratio <= maxP99Ratio,
    },
  ];
  if (subject.concurrency >= deadlineConcurrency) {
    checks.push({
      target: `max < ${deadlineMs} ms (Slack's deadline) at ${deadlineConcurrency} concurrent`,
      measured: `${subject.latencyMs.max.toFixed(2)} ms${caveat}`,
      pass: failed === 0 && subject.latencyMs.max < deadlineMs,
    });
  }
  return {
    scenario: subject.scenario,
    concurrency: subject.concurrency,
    subject: subject.target,
    baseline: baseline.target,
    p50Ratio,
    p99Ratio,
    checks,
  };
}
