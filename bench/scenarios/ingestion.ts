import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { createRawTable, dropRawTable, insertRawRows, rawTable, type TimelineRowValues } from '../raw-insert.ts';
import { openRawSql, type RawSql } from '../raw-sql.ts';
import type { BenchContext, Scenario } from '../scenario.ts';
import { benchWorkspace, signedMessageEvent, signedSlashCommand, signedSslCheck } from '../slack-requests.ts';
import { TimelineWatch } from '../timeline-watch.ts';
import { type Incident, type Ingested, ingestionResult, type RawBaseline } from './ingestion-report.ts';

const scenario = 'ingestion';
/** HTTP requests (and, for the baseline, INSERTs) in flight. */
const concurrency = 50;
/** The app's pool size (src/platform/db.ts); the baseline gets a pool of the same size. */
const poolSize = 10;
/** How the bench watches timeline_entries (see TimelineWatch): a pause between polls, the tail re-read, a full scan every 20th. */
const watching = { intervalMs: 10, tailIds: 200, fullScanEvery: 20 } as const;
const warmupEvents = 500;
/** Stop waiting for rows when none arrived for this long. */
const stallMs = 15_000;
/** Events per timed burst unless BENCH_INGESTION_EVENTS says otherwise: PGlite is slower, and a burst should stay under ~60 s. */
const defaultEvents = { postgres: 20_000, pglite: 5_000 } as const;
/** Distinct Slack ts ranges, so warm-up, timed and raw rows never collide and the final counts can select their own. */
const tsBase = { warmup: 1795500000, timed: 1795600000, rawWarmup: 1795700000, raw: 1795800000 } as const;
const incidentTitle = 'Ingestion bench';

/** Slack ts number `i` (0-based) of a range: "1795600000.000001", … (fixed width, so it also sorts as text). */
const tsOf = (base: number, i: number) => `${base}.${String(i + 1).padStart(6, '0')}`;

/** Event id number `i` of a range, e.g. "Ev1795600000B000001": never reused in one database, selectable by range. */
const eventIdOf = (base: number, i: number) => `Ev${base}B${String(i + 1).padStart(6, '0')}`;

/** Declares the incident the messages go to and waits for its channel and for the outbox to empty. */
async function declareIncident(context: BenchContext, raw: RawSql): Promise<Incident | string> {
  const request = signedSlashCommand(context.signing, {
    text: `declare sev2 ${incidentTitle}`,
    sequence: context.nextSequence(),
    responseUrl: context.responseUrl,
  });
  const answer = await context.load.fire({
    agent: 'ingestion:declare',
    endpoint: context.firebreak.endpoint,
    requests: [request],
    concurrency: 1,
  });
  await context.load.destroyAgent('ingestion:declare');
  if (Object.keys(answer.errors).length > 0) return `declare failed: ${answer.errorSamples.join('; ')}`;
  // The ack comes before the declare transaction: wait for the incident's channel, then for the rest of its effects.
  const started = performance.now();
  for (;;) {
    const [row] = await raw.query<{ id: number | string; channel_id: string | null }>(
      'SELECT id, channel_id FROM incidents WHERE team_id = $1 AND title = $2 ORDER BY id DESC LIMIT 1',
      [benchWorkspace.teamId, incidentTitle],
    );
    if (row?.channel_id) {
      const drain = await context.firebreak.drainOutbox(60_000);
      if (drain.timedOut) return `outbox still had ${drain.open} open effects 60 s after the declare`;
      return { id: Number(row.id), channelId: row.channel_id };
    }
    if (performance.now() - started > 60_000)
      return `no incident "${incidentTitle}" with a channel 60 s after the declare`;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Sends `n` signed message events at `concurrency` in flight and watches their rows arrive. */
async function ingest(
  context: BenchContext,
  watchSql: RawSql,
  incident: Incident,
  base: number,
  n: number,
): Promise<Ingested> {
  const requests = Array.from({ length: n }, (_, i) =>
    signedMessageEvent(context.signing, {
      eventId: eventIdOf(base, i),
      channelId: incident.channelId,
      ts: tsOf(base, i),
      text: `bench message ${i + 1}`,
    }),
  );
  const indexByTs = new Map(Array.from({ length: n }, (_, i) => [tsOf(base, i), i] as const));
  // Written by the load thread as each request leaves (in this thread's clock), read by the watch.
  const sentAtMs = new Float64Array(new SharedArrayBuffer(n * Float64Array.BYTES_PER_ELEMENT)).fill(Number.NaN);
  const [top] = await watchSql.query<{ max: number | string }>(
    'SELECT coalesce(max(id), 0) AS max FROM timeline_entries',
    [],
  );
  const watch = new TimelineWatch({
    raw: watchSql,
    teamId: benchWorkspace.teamId,
    incidentId: incident.id,
    indexByTs,
    sentAtMs,
    startAfterId: Number(top?.max ?? 0),
    ...watching,
  });
  const agent = `ingestion:${base}`;
  try {
    const openerRequests = Array.from({ length: concurrency }, () => signedSslCheck(context.signing));
    const openers = await context.load.fire({
      agent,
      endpoint: context.firebreak.endpoint,
      requests: openerRequests,
      concurrency,
    });
    watch.start();
    const loadAverage = os.loadavg()[0] ?? Number.NaN;
    const fire = await context.load.fire({
      agent,
      endpoint: context.firebreak.endpoint,
      requests,
      concurrency,
      sentAtMs,
    });
    await waitForRows(watch, n);
    const inboxUnhandled = await waitForInbox(context);
    await watch.stop();
    const [count] = await watchSql.query<{ rows: number; distinct_ts: number }>(
      `SELECT count(*)::int AS rows, count(DISTINCT slack_ts)::int AS distinct_ts FROM timeline_entries
        WHERE team_id = $1 AND incident_id = $2 AND kind = 'message' AND slack_ts LIKE $3`,
      [benchWorkspace.teamId, incident.id, `${base}.%`],
    );
    // Rows written by one statement share its transaction's now(): distinct timestamps count the statements.
    const [inbox] = await watchSql.query<{ rows: number; inserts: number; marks: number }>(
      `SELECT count(*)::int AS rows, count(DISTINCT received_at)::int AS inserts, count(DISTINCT handled_at)::int AS marks FROM inbox
        WHERE team_id = $1 AND dedupe_key LIKE $2`,
      [benchWorkspace.teamId, `event:Ev${base}B%`],
    );
    const inboxStatements = { rows: inbox?.rows ?? 0, inserts: inbox?.inserts ?? 0, marks: inbox?.marks ?? 0 };
    return {
      n,
      fire,
      openers,
      sentAtMs,
      watch,
      rows: count?.rows ?? 0,
      distinctTs: count?.distinct_ts ?? 0,
      inboxUnhandled,
      inboxStatements,
      loadAverage,
    };
  } finally {
    await context.load.destroyAgent(agent);
  }
}

/** Waits until the watch has seen `n` rows, or none arrived for {@link stallMs}. */
async function waitForRows(watch: TimelineWatch, n: number): Promise<void> {
  let seen = watch.stored;
  let progressAt = performance.now();
  while (watch.stored < n && performance.now() - progressAt < stallMs) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    if (watch.stored > seen) [seen, progressAt] = [watch.stored, performance.now()];
  }
}

/** Waits (at most 30 s) until every inbox row is handled, so no insert of this burst can still be on its way. */
async function waitForInbox(context: BenchContext): Promise<number> {
  const started = performance.now();
  for (;;) {
    const { inboxUnhandled } = await context.firebreak.stats();
    if (inboxUnhandled === 0 || performance.now() - started > 30_000) return inboxUnhandled;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The same rows, straight into the scratch table: warm-up first, then the timed batch. */
async function rawBaseline(raw: RawSql, incident: Incident, n: number): Promise<RawBaseline> {
  const rows = (base: number, count: number): TimelineRowValues[] =>
    Array.from({ length: count }, (_, i) => ({
      teamId: benchWorkspace.teamId,
      incidentId: incident.id,
      channelId: incident.channelId,
      ts: tsOf(base, i),
      userId: benchWorkspace.userId,
      text: `bench message ${i + 1}`,
    }));
  await createRawTable(raw);
  try {
    const warmup = await insertRawRows(raw, rows(tsBase.rawWarmup, warmupEvents), concurrency);
    const timed = await insertRawRows(raw, rows(tsBase.raw, n), concurrency);
    const [count] = await raw.query<{ rows: number }>(
      `SELECT count(*)::int AS rows FROM ${rawTable} WHERE slack_ts LIKE $1`,
      [`${tsBase.raw}.%`],
    );
    return { warmup, timed, rowsInTable: count?.rows ?? 0, label: raw.label };
  } finally {
    await dropRawTable(raw);
  }
}

/** Events/s and send → stored latency of signed message events into one incident channel, vs raw INSERTs. */
export const ingestion: Scenario = {
  name: scenario,
  description: `signed message events into an incident channel at ${concurrency} in flight: events/s and send → row stored, vs raw INSERTs`,
  async run(context) {
    const events = Number(process.env.BENCH_INGESTION_EVENTS) || defaultEvents[context.database.kind];
    if (!Number.isInteger(events) || events < 1 || events > 999_999)
      throw new Error(`BENCH_INGESTION_EVENTS must be an integer from 1 to 999999 (six-digit ts), not ${events}`);
    const watchSql = openRawSql(context.database, context.databaseUrl, 1);
    const rawSql = openRawSql(context.database, context.databaseUrl, poolSize);
    try {
      const incident = await declareIncident(context, watchSql);
      if (typeof incident === 'string')
        return [{ name: scenario, rows: [], comparisons: [], sanity: {}, problems: [incident] }];
      context.log(
        `  ingestion: incident ${incident.id}, channel ${incident.channelId}; ${warmupEvents} warm-up events`,
      );
      const callsBefore = context.emulator.calls.length;
      const warm = await ingest(context, watchSql, incident, tsBase.warmup, warmupEvents);
      context.log(`  ingestion: raw baseline, ${events} INSERTs via ${rawSql.label}`);
      const raw = await rawBaseline(rawSql, incident, events);
      context.log(
        `  ingestion: raw ${events} rows in ${raw.timed.wallMs.toFixed(0)} ms; now ${events} events to Firebreak`,
      );
      const run = await ingest(context, watchSql, incident, tsBase.timed, events);
      context.log(
        `  ingestion: ${run.watch.stored} of ${events} rows seen, last ack after ${run.fire.wallMs.toFixed(0)} ms`,
      );
      const webApiCalls = context.emulator.calls.length - callsBefore;
      return [ingestionResult({ scenario, concurrency, incident, warm, run, raw, webApiCalls })];
    } finally {
      await watchSql.close();
      await rawSql.close();
    }
  },
};
