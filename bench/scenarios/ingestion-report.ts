import { performance } from 'node:perf_hooks';
import { type LoadResult, mergeErrors, summarize } from '../load.ts';
import type { InsertBatch } from '../raw-insert.ts';
import type { Comparison, ResultRow, ScenarioResult, TargetCheck } from '../scenario.ts';
import type { TimelineWatch } from '../timeline-watch.ts';

/** Targets from the issue, for PostgreSQL on a 2-core machine. */
export const ingestionTargets = { eventsPerSec: 2000, p99Ms: 250, rawRatio: 0.5 } as const;

/** The incident whose channel the messages are posted in. */
export type Incident = { id: number; channelId: string };

/** One burst of message events to Firebreak and what the database showed afterwards. */
export type Ingested = {
  n: number;
  fire: LoadResult;
  /** The untimed ssl_check requests that opened the connections first. */
  openers: LoadResult;
  /** `performance.now()` when each event was sent. */
  sentAtMs: Float64Array;
  watch: TimelineWatch;
  /** Final count of the burst's rows, read once every inbox row was handled: expect N rows with N distinct ts. */
  rows: number;
  distinctTs: number;
  inboxUnhandled: number;
  /** The burst's inbox rows, and how many INSERT and handled-mark statements wrote them (distinct transaction timestamps). */
  inboxStatements: { rows: number; inserts: number; marks: number };
  /** 1-minute load average when the burst started: other work on the machine skews every figure. */
  loadAverage: number;
};

/** The raw INSERT baseline: warm-up, timed batch, and the timed rows found in the scratch table. */
export type RawBaseline = { warmup: InsertBatch; timed: InsertBatch; rowsInTable: number; label: string };

/** Everything the ingestion scenario measured, to turn into a result. */
export type IngestionMeasurements = {
  scenario: string;
  concurrency: number;
  incident: Incident;
  warm: Ingested;
  run: Ingested;
  raw: RawBaseline;
  /** Web API calls made while ingesting (expect 0: a plain message needs no Slack call). */
  webApiCalls: number;
};

const errorCount = (errors: Record<string, number>) => Object.values(errors).reduce((a, b) => a + b, 0);
const fixed = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

/** Send → row seen (client clock) and send → `created_at` (database clock, same machine), over the events stored. */
function storeLatencies(run: Ingested): { observed: number[]; byCreatedAt: number[] } {
  const observed: number[] = [];
  const byCreatedAt: number[] = [];
  for (let i = 0; i < run.n; i++) {
    const stored = run.watch.storedAtMs[i]!;
    if (Number.isNaN(stored)) continue;
    observed.push(stored - run.sentAtMs[i]!);
    byCreatedAt.push(run.watch.createdAtMs[i]! - (performance.timeOrigin + run.sentAtMs[i]!));
  }
  return { observed, byCreatedAt };
}

/** The most events acknowledged but not yet stored at any moment: work Firebreak has promised and not done. */
function maxBacklog(run: Ingested): number {
  const acked: number[] = [];
  const stored: number[] = [];
  for (let i = 0; i < run.n; i++) {
    acked.push(run.sentAtMs[i]! + run.fire.latenciesMs[i]!);
    if (!Number.isNaN(run.watch.storedAtMs[i]!)) stored.push(run.watch.storedAtMs[i]!);
  }
  acked.sort((a, b) => a - b);
  stored.sort((a, b) => a - b);
  let worst = 0;
  let s = 0;
  for (let a = 0; a < acked.length; a++) {
    while (s < stored.length && stored[s]! <= acked[a]!) s++;
    worst = Math.max(worst, a + 1 - s);
  }
  return worst;
}

/** Lost, doubled or stray rows, failed watcher queries, a short baseline: anything that makes the figures meaningless. */
function findProblems({ warm, run, raw }: IngestionMeasurements): string[] {
  const problems: string[] = [];
  if (run.rows !== run.n || run.distinctTs !== run.n)
    problems.push(
      `sent ${run.n} messages; timeline_entries holds ${run.rows} rows for them with ${run.distinctTs} distinct ts (expected exactly ${run.n} of each)`,
    );
  if (warm.rows !== warm.n || warm.distinctTs !== warm.n)
    problems.push(`warm-up: sent ${warm.n} messages; ${warm.rows} rows stored with ${warm.distinctTs} distinct ts`);
  for (const [label, burst] of [
    ['warm-up', warm],
    ['timed', run],
  ] as const) {
    if (burst.watch.doubles > 0)
      problems.push(`${label}: ${burst.watch.doubles} extra rows for messages already stored (doubles)`);
    if (burst.watch.unexpected > 0)
      problems.push(`${label}: ${burst.watch.unexpected} message rows on the incident with a ts the bench never sent`);
    if (burst.watch.pollErrors.length > 0)
      problems.push(`${label}: watcher queries failed: ${burst.watch.pollErrors.join('; ')}`);
    if (burst.inboxUnhandled > 0)
      problems.push(`${label}: ${burst.inboxUnhandled} inbox rows still unhandled 30 s after the last row`);
  }
  if (raw.timed.inserted !== run.n || raw.rowsInTable !== run.n)
    problems.push(
      `raw baseline: ${raw.timed.inserted} of ${run.n} inserts returned a row, ${raw.rowsInTable} rows in the table`,
    );
  return problems;
}

/** Rows (ack, store, raw insert), the targets, sanity facts and problems of one ingestion run. */
export function ingestionResult(measured: IngestionMeasurements): ScenarioResult {
  const { scenario, concurrency, incident, warm, run, raw } = measured;
  const { observed, byCreatedAt } = storeLatencies(run);
  const lost = run.n - run.watch.stored;
  const sustainedMs = run.watch.lastStoredAtMs() - run.sentAtMs[0]!;
  const eventsPerSec = run.watch.stored / (sustainedMs / 1000);
  const rawPerSec = run.n / (raw.timed.wallMs / 1000);
  const ratio = eventsPerSec / rawPerSec;
  const row = (
    target: string,
    latenciesMs: number[],
    perSec: number,
    errors: Record<string, number>,
    samples: string[],
    untimed: Record<string, number> = {},
  ): ResultRow => ({
    scenario,
    target,
    n: latenciesMs.length,
    concurrency,
    latencyMs: summarize(latenciesMs),
    throughputPerSec: perSec,
    errors: errorCount(errors),
    untimedErrors: errorCount(untimed),
    errorsByReason: errors,
    untimedErrorsByReason: untimed,
    errorSamples: samples.slice(0, 5),
  });
  const untimedAcks = mergeErrors(
    mergeErrors(mergeErrors({}, warm.fire.errors), warm.openers.errors),
    run.openers.errors,
  );
  const ackSamples = [
    ...run.fire.errorSamples,
    ...warm.fire.errorSamples.map((e) => `(warm-up) ${e}`),
    ...run.openers.errorSamples.map((e) => `(untimed) ${e}`),
  ];
  const ack = row(
    'firebreak ack',
    run.fire.latenciesMs,
    run.n / (run.fire.wallMs / 1000),
    run.fire.errors,
    ackSamples,
    untimedAcks,
  );
  const store = row(
    'firebreak store',
    observed,
    eventsPerSec,
    lost > 0 ? { 'never stored': lost } : {},
    lost > 0 ? [`${lost} of ${run.n} events have no row in timeline_entries`] : [],
  );
  const rawRow = row(
    'raw insert',
    raw.timed.latenciesMs,
    rawPerSec,
    raw.timed.errors,
    raw.timed.errorSamples,
    raw.warmup.errors,
  );
  const problems = findProblems(measured);
  const failed = store.errors + ack.errors + rawRow.errors + problems.length;
  const caveat = failed > 0 ? ' (over lost/doubled rows or failed requests: not meaningful)' : '';
  const { eventsPerSec: minRate, p99Ms, rawRatio } = ingestionTargets;
  const checks: TargetCheck[] = [
    {
      target: `≥ ${minRate.toLocaleString('en')} events/s sustained (issue: PostgreSQL, 2-core machine)`,
      measured: `${fixed(eventsPerSec)} events/s${caveat}`,
      pass: failed === 0 && eventsPerSec >= minRate,
    },
    {
      target: `p99 ≤ ${p99Ms} ms from send to row stored`,
      measured: `${fixed(store.latencyMs.p99, 1)} ms${caveat}`,
      pass: failed === 0 && store.latencyMs.p99 <= p99Ms,
    },
    {
      target: `≥ ${rawRatio} × the raw insert rate`,
      measured: `${fixed(ratio, 2)}× (${fixed(eventsPerSec)} events/s ÷ ${fixed(rawPerSec)} rows/s)${caveat}`,
      pass: failed === 0 && ratio >= rawRatio,
    },
  ];
  const comparison: Comparison = {
    scenario,
    concurrency,
    subject: store.target,
    baseline: rawRow.target,
    p50Ratio: store.latencyMs.p50 / rawRow.latencyMs.p50,
    p99Ratio: store.latencyMs.p99 / rawRow.latencyMs.p99,
    checks,
  };
  const byDb = summarize(byCreatedAt);
  const polls = Math.max(1, run.watch.polls);
  return {
    name: `${scenario} c=${concurrency}`,
    rows: [ack, store, rawRow],
    comparisons: [comparison],
    sanity: {
      'incident / channel': `${incident.id} / ${incident.channelId}`,
      'events sent (timed, after warm-up)': `${run.n} (after ${warm.n})`,
      'rows seen by the watcher / final count / distinct ts': `${run.watch.stored} / ${run.rows} / ${run.distinctTs}`,
      'lost / doubled / stray rows': `${lost} / ${run.watch.doubles} / ${run.watch.unexpected}`,
      'events/s sustained (first send → last row seen)': fixed(eventsPerSec),
      'first send → last ack / → last row seen (ms)': `${fixed(run.fire.wallMs)} / ${fixed(sustainedMs)}`,
      'raw insert rows/s (baseline)': `${fixed(rawPerSec)} via ${raw.label}`,
      'ratio firebreak events/s ÷ raw rows/s': fixed(ratio, 2),
      'most events acked but not yet stored at once': maxBacklog(run),
      'send → created_at (DB clock, same machine) p50 / p99 / max ms': `${fixed(byDb.p50, 1)} / ${fixed(byDb.p99, 1)} / ${fixed(byDb.max, 1)}`,
      'watcher polls / rows read per poll / mean ms between polls / poll round trip mean, max ms': [
        run.watch.polls,
        fixed(run.watch.rowsRead / polls, 1),
        fixed((run.watch.lastPollAtMs - run.watch.firstPollAtMs) / polls, 1),
        `${fixed(run.watch.pollMsTotal / polls, 1)}, ${fixed(run.watch.pollMsMax, 1)}`,
      ].join(' / '),
      'inbox rows / INSERT statements / handled-mark statements': `${run.inboxStatements.rows} / ${run.inboxStatements.inserts} / ${run.inboxStatements.marks}`,
      'rows first seen by a full scan, below the tail window (expect few)': run.watch.foundByFullScan,
      'load average (1 min) at the start of the timed burst': run.loadAverage.toFixed(2),
      'Web API calls while ingesting (expect 0)': measured.webApiCalls,
    },
    problems,
  };
}
