import type { SeededReminders } from '../action-reminders-seed.ts';
import type { AnalyzeRun } from '../auto-analyze.ts';
import type { CallRecord } from '../emulator-thread.ts';
import { percentile, summarize } from '../load.ts';
import { canCollectGarbage, type MemoryPeak } from '../memory-peak.ts';
import type { Comparison, ResultRow, ScenarioResult, TargetCheck } from '../scenario.ts';

/** Targets from the issue (#11 "Proven by"), and the bench's own bound on memory (the issue gives no figure). */
export const reminderTargets = {
  /** The due-owners query, median and p90, in ms. */
  queryMs: 100,
  /** DMs per minute between the first and the last DM, as a share of the emulator's chat.postMessage limit. */
  sendRateShare: 0.8,
  /** 429s allowed: the first may teach the pacer, none after it. */
  rateLimited: 1,
  /**
   * Live heap+external (after a full collection) above the start at its highest, less what is still held
   * after the run (the emulator's record of every DM, in the same process).
   */
  transientHeapMb: 50,
} as const;

/** How the send phase went, as the bench polled it. */
export type SendProgress = {
  scheduledAt: Date;
  /** ms from scheduling the sweep until every owner's effect was queued (undefined: never). */
  queuedMs: number | undefined;
  /** ms from scheduling the sweep until every effect was done or dead (or the wait gave up). */
  settledMs: number;
  timedOut: boolean;
  queued: number;
  done: number;
  dead: number;
  /** Who ANALYZEd the tables while the run went (autovacuum, the bench's stand-in, nobody) and when. */
  analyze: { mode: string; runs: AnalyzeRun[] };
};

/** What the database says after the run (outbox, scheduler, owners). */
export type ReminderOutcome = {
  /** done_at − created_at of every done reminder effect, ms. */
  effectMs: number[];
  /** Effects that took more than one attempt (deferred by the pacer, or failed once). */
  retried: number;
  attempts: number;
  /** ms between the first and the last reminder effect's creation (the sweep's pages). */
  queuedSpanMs: number;
  deadByKind: Record<string, number>;
  deadSample: string | undefined;
  jobsByStatus: Record<string, number>;
  nextSweepAt: Date | undefined;
  ownersStillDue: number;
  ownersReminded: number;
  nextReminders: { from: Date | undefined; to: Date | undefined };
};

export type ReminderMeasurements = {
  scenario: string;
  seeded: SeededReminders;
  postsPerMinute: number;
  query: { planLines: string[]; samplesMs: number[]; rows: number };
  progress: SendProgress;
  outcome: ReminderOutcome;
  /** Every Web API call the scenario's emulator received during the send phase. */
  calls: CallRecord[];
  peak: MemoryPeak;
  /** The most heap+external held after a full collection during the run, above the start (live memory). */
  liveAboveMb: number | undefined;
  heapBeforeMb: number;
  /** Heap+external still held after a full collection once the run is over, above the start. */
  retainedMb: number;
  loadAverage: { before: number[]; after: number[] };
};

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const p90 = (values: number[]) => percentile(sorted(values), 90);
const counted = (record: Record<string, number>) =>
  Object.entries(record)
    .sort((a, b) => b[1] - a[1])
    .map(([key, n]) => `${key} ${n}`)
    .join(', ') || 'none';

function row(scenario: string, target: string, samplesMs: number[], concurrency: number, perSec: number): ResultRow {
  return {
    scenario,
    target,
    n: samplesMs.length,
    concurrency,
    latencyMs: summarize(samplesMs),
    throughputPerSec: perSec,
    errors: 0,
    untimedErrors: 0,
    errorsByReason: {},
    untimedErrorsByReason: {},
    errorSamples: [],
  };
}

/** DMs per minute between the first and the last of `at` (sorted ms). */
function perMinute(at: number[]): number {
  if (at.length < 2) return Number.NaN;
  return ((at.length - 1) / (at.at(-1)! - at[0]!)) * 60_000;
}

/** What the Web API calls say: the DMs that went, the 429s, and every other method called. */
export function summarizeCalls(calls: readonly CallRecord[]) {
  const posts = calls.filter((call) => call.method === 'chat.postMessage');
  const ok = posts.filter((call) => call.ok);
  const at = sorted(ok.map((call) => call.at));
  const limited = posts.filter((call) => call.status === 429);
  const failed: Record<string, number> = {};
  for (const call of posts)
    if (!call.ok && call.status !== 429)
      failed[call.error ?? `HTTP ${call.status}`] = (failed[call.error ?? `HTTP ${call.status}`] ?? 0) + 1;
  const others: Record<string, number> = {};
  const othersLimited: Record<string, number> = {};
  for (const call of calls) {
    if (call.method === 'chat.postMessage') continue;
    others[call.method] = (others[call.method] ?? 0) + 1;
    if (call.status === 429) othersLimited[call.method] = (othersLimited[call.method] ?? 0) + 1;
  }
  const recipients = new Set(ok.map((call) => call.channel));
  return { ok: ok.length, at, limited, failed, others, othersLimited, recipients: recipients.size };
}

/** Rows, the issue's targets, sanity facts and problems of the weekly reminder run. */
export function remindersResult(m: ReminderMeasurements): ScenarioResult {
  const { scenario, seeded, postsPerMinute, query, progress, outcome, peak } = m;
  const owners = seeded.owners;
  const problems: string[] = [];
  const sanity: ScenarioResult['sanity'] = {};
  const calls = summarizeCalls(m.calls);

  const queryRow = row(scenario, `due-owners query (page ${query.rows})`, query.samplesMs, 1, 0);
  queryRow.throughputPerSec = 1000 / queryRow.latencyMs.mean;
  const overall = perMinute(calls.at);
  const secondHalf = perMinute(calls.at.slice(Math.floor(calls.at.length / 2)));
  // Slack's bucket starts full (a minute's worth), then refills at the cap: the fastest the limit allows.
  const fastestMs = (Math.max(0, owners - postsPerMinute) / postsPerMinute) * 60_000;
  const actualMs = calls.at.length > 1 ? calls.at.at(-1)! - calls.at[0]! : Number.NaN;
  const dmRow = row(scenario, 'reminder DM (queued → done)', outcome.effectMs, 16, overall / 60);
  // Errors are owners left without their DM; the reasons say why (a dead effect, or none settled in time).
  dmRow.errors = Math.max(0, owners - calls.ok);
  if (dmRow.errors > 0)
    dmRow.errorsByReason = {
      ...(progress.dead > 0 ? { 'dead effect': progress.dead } : {}),
      ...(dmRow.errors > progress.dead ? { 'not sent in time': dmRow.errors - progress.dead } : {}),
    };

  const plan = query.planLines.join('\n');
  const usesIndex = /action_owners_due/.test(plan) && !/Seq Scan on action_owners/.test(plan);
  const queryChecks: TargetCheck[] = [
    {
      target: 'the due-owners query uses the partial index action_owners_due',
      measured: usesIndex
        ? (query.planLines
            .find((line) => line.includes('action_owners_due'))
            ?.replace(/^\s*->\s*/, '')
            .trim() ?? '')
        : 'no action_owners_due in the plan (see the sanity lines)',
      pass: usesIndex,
    },
    {
      target: `due-owners query ≤ ${reminderTargets.queryMs} ms (median and p90 of ${query.samplesMs.length}, ${owners.toLocaleString('en')} owners due)`,
      measured: `median ${fixed(queryRow.latencyMs.p50, 2)} ms, p90 ${fixed(p90(query.samplesMs), 2)} ms`,
      pass: queryRow.latencyMs.p50 <= reminderTargets.queryMs && p90(query.samplesMs) <= reminderTargets.queryMs,
    },
  ];
  const allSent = calls.ok === owners && calls.recipients === owners && progress.done === owners && progress.dead === 0;
  const liveMb = m.liveAboveMb ?? peak.heapMb;
  const transientMb = liveMb - m.retainedMb;
  const caveat = canCollectGarbage ? '' : ' (no --expose-gc: includes earlier garbage)';
  const sendChecks: TargetCheck[] = [
    {
      target: `all ${owners.toLocaleString('en')} DMs sent (one per owner, every effect done)`,
      measured: `${calls.ok} chat.postMessage ok to ${calls.recipients} owners; effects ${progress.done} done, ${progress.dead} dead of ${progress.queued} queued${progress.timedOut ? ' (gave up waiting)' : ''}`,
      pass: allSent,
    },
    {
      target: '0 × 429 after the first',
      measured: `${calls.limited.length} × 429 on chat.postMessage`,
      pass: calls.limited.length <= reminderTargets.rateLimited,
    },
    {
      target: `send rate ≥ ${100 * reminderTargets.sendRateShare} % of the emulator's limit (${postsPerMinute.toLocaleString('en')}/min), first → last DM`,
      measured: `${fixed(overall, 0)}/min = ${fixed((100 * overall) / postsPerMinute)} % (Slack's bucket starts full: ${fastestMs > 0 ? `the limit allows ${fixed((100 * owners * 60_000) / fastestMs / postsPerMinute)} % over ${owners.toLocaleString('en')} DMs` : 'the first minute’s allowance covers every DM'})`,
      pass: overall >= reminderTargets.sendRateShare * postsPerMinute,
    },
    {
      target: `memory bounded: live heap+external at its highest ≤ ${reminderTargets.transientHeapMb} MB above the start, less what the run leaves held`,
      measured: `${fixed(liveMb)} − ${fixed(m.retainedMb)} = ${fixed(transientMb)} MB${m.liveAboveMb === undefined ? ' (no full collection ran: peak before collections)' : ''}${caveat}`,
      pass: transientMb <= reminderTargets.transientHeapMb,
    },
  ];
  const comparisons: Comparison[] = [
    {
      scenario: `${scenario} query`,
      concurrency: 1,
      subject: queryRow.target,
      baseline: `target ${reminderTargets.queryMs} ms`,
      p50Ratio: queryRow.latencyMs.p50 / reminderTargets.queryMs,
      p99Ratio: queryRow.latencyMs.p99 / reminderTargets.queryMs,
      checks: queryChecks,
    },
    {
      scenario: `${scenario} send`,
      concurrency: 16,
      subject: dmRow.target,
      baseline: `limit ${postsPerMinute}/min`,
      p50Ratio: Number.NaN,
      p99Ratio: Number.NaN,
      checks: sendChecks,
    },
  ];

  if (progress.timedOut)
    problems.push(
      `gave up after ${fixed(progress.settledMs / 1000)} s: ${progress.done} done, ${progress.dead} dead of ${owners}`,
    );
  if (progress.dead > 0) problems.push(`${progress.dead} reminder effects dead (e.g. ${outcome.deadSample ?? '?'})`);
  if (calls.ok < owners) problems.push(`${owners - calls.ok} owners got no DM`);
  if (Object.keys(calls.failed).length > 0) problems.push(`chat.postMessage failed: ${counted(calls.failed)}`);
  if (outcome.ownersStillDue > 0) problems.push(`${outcome.ownersStillDue} owners still due after the sweep`);
  if ((outcome.jobsByStatus.dead ?? 0) > 0) problems.push(`${outcome.jobsByStatus.dead} sweep jobs dead`);

  const first = calls.at[0];
  const firstLimited = calls.limited[0]?.at;
  sanity['seeded: incidents / open actions (overdue) / owners due / zones'] =
    `${seeded.incidents} / ${seeded.actions} (${seeded.overdueActions}) / ${owners} / ${seeded.zones}; ${seeded.actionsPerOwner} actions from ${seeded.incidentsPerOwner} incidents per owner`;
  sanity['seeding ms: SQL (generate_series, ANALYZE) / emulator users with DMs'] =
    `${fixed(seeded.sqlMs, 0)} / ${fixed(seeded.emulatorMs, 0)}`;
  sanity['EXPLAIN (ANALYZE, BUFFERS) of dueOwnersQuery'] =
    `\n${query.planLines.map((line) => `      ${line}`).join('\n')}`;
  sanity['due-owners query p50 / p90 / max ms (app pool, prepared, in a transaction rolled back)'] =
    `${fixed(queryRow.latencyMs.p50, 2)} / ${fixed(p90(query.samplesMs), 2)} / ${fixed(queryRow.latencyMs.max, 2)}`;
  sanity['sweep: s until every effect queued / first → last effect created s'] =
    `${progress.queuedMs === undefined ? 'never' : fixed(progress.queuedMs / 1000, 2)} / ${fixed(outcome.queuedSpanMs / 1000, 2)}`;
  sanity['sweep jobs by status / next sweep at'] =
    `${counted(outcome.jobsByStatus)} / ${outcome.nextSweepAt?.toISOString() ?? 'none'}`;
  sanity['wall s: sweep scheduled → every effect settled / first → last DM'] =
    `${fixed(progress.settledMs / 1000)} / ${first === undefined ? '–' : fixed((calls.at.at(-1)! - first) / 1000)}`;
  sanity['DMs per minute: first → last / second half / limit'] =
    `${fixed(overall, 0)} / ${fixed(secondHalf, 0)} / ${postsPerMinute}`;
  sanity['first → last DM s: taken / fastest the limit allows (bucket full at the start) / ratio'] =
    `${fixed(actualMs / 1000)} / ${fixed(fastestMs / 1000)} / ${fixed(fastestMs / actualMs, 2)}`;
  sanity['429s on chat.postMessage (first at, s after the first DM)'] =
    `${calls.limited.length}${firstLimited !== undefined && first !== undefined ? ` (${fixed((firstLimited - first) / 1000)})` : ''}`;
  sanity['other Web API calls (per DM)'] =
    Object.entries(calls.others)
      .sort((a, b) => b[1] - a[1])
      .map(
        ([method, n]) =>
          `${method} ${n} (${fixed(n / Math.max(1, calls.ok), 3)}${calls.othersLimited[method] ? `, ${calls.othersLimited[method]} × 429` : ''})`,
      )
      .join(', ') || 'none';
  sanity['outbox: dead effects of the workspace by kind / reminder effects retried / attempts'] =
    `${counted(outcome.deadByKind)} / ${outcome.retried} / ${outcome.attempts}`;
  sanity['owners: still due / reminded this week / next reminders from – to'] =
    `${outcome.ownersStillDue} / ${outcome.ownersReminded} / ${outcome.nextReminders.from?.toISOString() ?? '–'} – ${outcome.nextReminders.to?.toISOString() ?? '–'}`;
  sanity[
    'memory MB: main thread heap+external before / above it: live at its highest, peak with garbage / process RSS peak above start (with the emulator thread) / held after the run'
  ] =
    `${fixed(m.heapBeforeMb)} / ${fixed(m.liveAboveMb ?? Number.NaN)}, ${fixed(peak.heapMb)} / ${fixed(peak.rssMb)}${peak.exactRss ? ' (kernel high-water mark)' : ' (sampled)'} / ${fixed(m.retainedMb)} (${peak.collections} collections)`;
  sanity['ANALYZE during the run (autovacuum is what keeps the outbox’s statistics current): by / runs (table @ s)'] =
    `${progress.analyze.mode} / ${progress.analyze.runs.map((run) => `${run.table} @ ${fixed(run.atMs / 1000)}`).join(', ') || 'none'}`;
  sanity['load average (1, 5, 15 min) before / after'] =
    `${m.loadAverage.before.map((n) => n.toFixed(2)).join(', ')} / ${m.loadAverage.after.map((n) => n.toFixed(2)).join(', ')}`;
  return { name: scenario, rows: [queryRow, dmRow], comparisons, sanity, problems };
}
