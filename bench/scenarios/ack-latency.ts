import { compareRows, measureSideBySide } from '../compare.ts';
import type { BenchContext, Scenario, ScenarioResult } from '../scenario.ts';
import { signedSlashCommand, signedSslCheck } from '../slack-requests.ts';
import { bareBoltAckText, type Target } from '../targets.ts';

/** How long the declare scenario waits for Firebreak's outbox to empty after a batch. */
const drainTimeoutMs = 120_000;

/** Slash commands with `text(i)`, signed now, each with a trigger_id never used before. */
function slashCommands(context: BenchContext, text: (sequence: number) => string) {
  return (count: number) =>
    Array.from({ length: count }, () => {
      const sequence = context.nextSequence();
      return signedSlashCommand(context.signing, { text: text(sequence), sequence, responseUrl: context.responseUrl });
    });
}

/** Signed ssl_check requests (answered by Bolt's receiver itself) to open connections before a batch. */
function sslChecks(context: BenchContext) {
  return (count: number) => Array.from({ length: count }, () => signedSslCheck(context.signing));
}

/** `/incident help` at several concurrencies: Firebreak's inbox + router + Block Kit help vs a bare ack. */
async function helpLatency(context: BenchContext, concurrency: number): Promise<ScenarioResult> {
  const scenario = 'help';
  const callsBefore = context.emulator.calls.length;
  const { subject, baseline } = await measureSideBySide({
    scenario,
    subject: context.firebreak,
    baseline: context.bareBolt,
    n: 2000,
    concurrency,
    rounds: 4,
    warmup: 50,
    build: slashCommands(context, () => 'help'),
    buildConnectionOpeners: sslChecks(context),
    expectFrom: (target: Target) => ({
      bodyIncludes: target === context.bareBolt ? bareBoltAckText : 'Firebreak commands',
    }),
    load: context.load,
    log: context.log,
  });
  // Expected 0: answering help needs no Slack call (a call per request would measure the emulator instead).
  const sanity = { 'Web API calls while answering (expect 0)': context.emulator.calls.length - callsBefore };
  return {
    name: `${scenario} c=${concurrency}`,
    rows: [subject, baseline],
    comparisons: [compareRows(subject, baseline)],
    sanity,
    problems: [],
  };
}

/**
 * `/incident declare sev2 …` at 100 concurrent: each creates an incident, so this measures the ack while
 * Firebreak stores the request, acks, then runs the declare transaction and the outbox drains to the emulator.
 */
async function declareLatency(context: BenchContext): Promise<ScenarioResult> {
  const scenario = 'declare';
  const concurrency = 100;
  // p99 of 800 is its 8th worst: a few hundred samples made that figure swing with single hiccups.
  const n = 800;
  const warmup = 20;
  const drains: number[] = [];
  const problems: string[] = [];
  const before = await context.firebreak.stats();
  const channelsBefore = context.emulator.workspace.channels().length;
  const { subject, baseline } = await measureSideBySide({
    scenario,
    subject: context.firebreak,
    baseline: context.bareBolt,
    n,
    concurrency,
    // Each Firebreak batch is followed by waiting for its outbox, so baseline batches run on a quiet machine.
    rounds: 4,
    warmup,
    build: slashCommands(context, (i) => `declare sev2 Bench incident ${i}`),
    buildConnectionOpeners: sslChecks(context),
    expectFrom: (target: Target) => ({ bodyIncludes: target === context.bareBolt ? bareBoltAckText : 'Declaring' }),
    load: context.load,
    afterSubjectBatch: async () => {
      const drain = await context.firebreak.drainOutbox(drainTimeoutMs);
      drains.push(drain.ms);
      context.log(
        `  declare: outbox empty after ${drain.ms} ms${drain.timedOut ? ` — TIMED OUT with ${drain.open} effects open` : ''}`,
      );
      if (drain.timedOut)
        problems.push(`outbox still had ${drain.open} open effects ${drainTimeoutMs} ms after a declare batch`);
    },
    log: context.log,
  });
  const after = await context.firebreak.stats();
  const expected = n + warmup;
  const created = after.incidents - before.incidents;
  const withChannel = after.incidentsWithChannel - before.incidentsWithChannel;
  const channels = context.emulator.workspace.channels().length - channelsBefore;
  if (created !== expected)
    problems.push(`expected ${expected} new incidents (${n} measured + ${warmup} warm-up), found ${created}`);
  if (withChannel !== created)
    problems.push(`${created - withChannel} of ${created} incidents have no Slack channel after the outbox drained`);
  if (channels !== created) problems.push(`the emulator has ${channels} new channels for ${created} new incidents`);
  if (after.deadEffects > before.deadEffects)
    problems.push(`${after.deadEffects - before.deadEffects} outbox effects failed for good (status dead)`);
  if (after.inboxUnhandled > 0) problems.push(`${after.inboxUnhandled} inbox rows never marked handled`);
  return {
    name: `${scenario} c=${concurrency}`,
    rows: [subject, baseline],
    comparisons: [compareRows(subject, baseline)],
    sanity: {
      'incidents created': created,
      'incidents with a channel': withChannel,
      'channels created in the emulator': channels,
      'outbox effects done': after.doneEffects - before.doneEffects,
      'outbox effects dead': after.deadEffects - before.deadEffects,
      'inbox rows unhandled': after.inboxUnhandled,
      'outbox drain after each Firebreak batch, warm-up first (ms)': drains.join(', '),
      'outbox drain total (ms)': drains.reduce((a, b) => a + b, 0),
    },
    problems,
  };
}

/** Acknowledgement latency of `/incident help` (10 and 100 concurrent) and `/incident declare` (100 concurrent). */
export const ackLatency: Scenario = {
  name: 'ack-latency',
  description: 'HTTP acknowledgement latency of signed /incident slash commands, Firebreak vs a bare Bolt app',
  async run(context) {
    return [await helpLatency(context, 10), await helpLatency(context, 100), await declareLatency(context)];
  },
};
