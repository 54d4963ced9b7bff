import { performance } from 'node:perf_hooks';
import { benchWorkspace, type SigningOptions } from '../../bench/slack-requests.ts';
import { createScratchDatabase, type ScratchDatabase } from '../database.ts';
import { type FirebreakProcess, firebreakEnv, freePort, startFirebreak, waitUntilReady } from '../firebreak-process.ts';
import { type OwnPostgres, startOwnPostgres } from '../own-postgres.ts';
import type { ChaosContext, ChaosResult, ChaosScenario, Figure } from '../scenario.ts';
import { startSteadyTraffic, type Traffic } from '../steady-traffic.ts';
import {
  checkCommands,
  checkEvents,
  checkProbes,
  countBy,
  finalAnswerOf,
  isHeld,
  type Outage,
} from './postgres-restart-checks.ts';

const name = 'postgres-restart';
const defaultOutageSeconds = 15;
/** Traffic runs this long before the stop and after PostgreSQL is back. */
const leadMs = 1500;
const trailMs = 2000;
/** Gives up waiting for the end state this long after the traffic stopped (a half-done command waits out its 30 s inbox lease). */
const catchUpMs = 60_000;
const alice = benchWorkspace.userId;
const incidentTitle = 'Chaos postgres restart';
const label = 'pg-restart';
/** The ts range of this scenario's messages (apart from the other scenarios'). */
const tsBase = 1797000000;
const caughtUpLabels = {
  events: 'every event on the timeline',
  inbox: 'inbox all handled',
  outbox: 'outbox empty',
  commands: 'every held note settled',
  all: 'caught up',
} as const;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a real Firebreak process on a PostgreSQL server of its own, declares an incident, runs steady traffic
 * (message events with Slack's redelivery, `/incident note` commands, /readyz probes), stops PostgreSQL for
 * `outageSeconds` and starts it again; then checks that /readyz said 503 while it was down, every command was
 * answered truthfully within 3 s, no event was acknowledged without being stored, and afterwards nothing is lost
 * or doubled and the Slack effects queued before the stop went out once.
 */
export async function runPostgresRestart(context: ChaosContext): Promise<ChaosResult> {
  const outageMs = (context.outageSeconds ?? defaultOutageSeconds) * 1000;
  if (!(outageMs >= 1000 && outageMs <= 600_000))
    throw new Error(`CHAOS_OUTAGE_SECONDS must be from 1 to 600, not ${outageMs / 1000}`);
  const { emulator } = context;
  const server: OwnPostgres = await startOwnPostgres();
  let database: ScratchDatabase | undefined;
  let firebreak: FirebreakProcess | undefined;
  const appUrlBefore = emulator.appUrl;
  try {
    database = await createScratchDatabase(server.url);
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const signing: SigningOptions = { signingSecret: emulator.signingSecret };
    firebreak = startFirebreak(firebreakEnv(emulator, database.url, port, { LOG_LEVEL: 'warn' }));
    await waitUntilReady(firebreak, port);
    // Commands go through the emulator: it issues the response_url a late answer comes back on, as Slack does.
    emulator.appUrl = `${baseUrl}/slack/events`;
    const channelId = await declareIncident(context, database);
    context.log(
      `  ${name}: incident channel ${channelId}; PostgreSQL on port ${server.port} goes down for ${outageMs} ms`,
    );

    const traffic = startSteadyTraffic({ emulator, signing, baseUrl, channelId, userId: alice, label, tsBase });
    await sleep(leadMs);
    // Queued just before the stop, its post still in flight at Slack when the database goes: it must go out once.
    emulator.faults.add('chat.postMessage', { kind: 'slow', ms: 1500 });
    const statusAnswer = await emulator.slashCommand({ userId: alice, channelId, text: 'status identified' });
    const outage: Outage = { stopCalledAt: performance.now(), downAt: 0, startCalledAt: 0, upAt: 0 };
    await server.stop();
    outage.downAt = performance.now();
    await sleep(outageMs);
    outage.startCalledAt = performance.now();
    await server.start();
    outage.upAt = performance.now();
    const readyAt = await firstReady(baseUrl, firebreak);
    await sleep(trailMs);
    traffic.stop();
    const records = await traffic.finished;
    const { reached: caughtUp, unhandledAtFirst } = await waitForEndState(database, records, emulator, channelId);

    const problems: string[] = [];
    const figures: Figure[] = [['PostgreSQL down ms', Math.round(outage.startCalledAt - outage.downAt)]];
    const timeline = await timelineTexts(database, channelId);
    const events = checkEvents(records.events, outage, await messageCounts(database, channelId));
    const commands = await checkCommands(records.commands, outage, timeline, emulator);
    const probes = checkProbes(records.probes, outage);
    for (const part of [events, commands, probes]) {
      figures.push(...part.figures);
      problems.push(...part.problems);
    }
    const effects = await checkEffects(database, emulator, channelId, statusAnswer);
    figures.push(...effects.figures);
    problems.push(...effects.problems);
    figures.push(
      ['PostgreSQL back → /readyz 200 ms', readyAt === undefined ? 'never' : Math.round(readyAt - outage.upAt)],
      ['inbox rows unhandled when the traffic stopped', unhandledAtFirst],
      ...(['events', 'inbox', 'outbox', 'commands', 'all'] as const).map((part): Figure => {
        const at = caughtUp[part];
        return [
          `PostgreSQL back → ${caughtUpLabels[part]} ms`,
          at === undefined ? 'never' : Math.round(at - outage.upAt),
        ];
      }),
    );
    if (caughtUp.all === undefined) problems.push(`not caught up ${catchUpMs} ms after the traffic stopped`);
    if (firebreak.child.exitCode !== null || firebreak.child.signalCode !== null)
      problems.push(`the Firebreak process exited (${firebreak.child.exitCode ?? firebreak.child.signalCode})`);
    if (problems.length > 0 && firebreak.output().trim())
      problems.push(`process output (tail):\n${firebreak.output().slice(-1500)}`);
    return { name, figures, problems };
  } finally {
    emulator.appUrl = appUrlBefore;
    emulator.faults.clear();
    await firebreak?.stop();
    await database?.sql.end({ timeout: 5 }).catch(() => {});
    await server.destroy();
  }
}

async function declareIncident(context: ChaosContext, database: ScratchDatabase): Promise<string> {
  const answer = await context.emulator.slashCommand({
    userId: alice,
    channelId: 'C0GENERAL',
    text: `declare sev2 ${incidentTitle}`,
  });
  if (answer.status !== 200) throw new Error(`declare answered ${answer.status}: ${answer.body}`);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const [row] = await database.sql<{ channel_id: string | null }[]>`
      SELECT channel_id FROM incidents WHERE team_id = ${benchWorkspace.teamId} AND title = ${incidentTitle}`;
    // The declarer is invited after the channel is made; Slack takes commands only from its members.
    if (row?.channel_id && context.emulator.workspace.isMember(row.channel_id, alice)) return row.channel_id;
    await sleep(50);
  }
  throw new Error(`no incident "${incidentTitle}" with a channel (and its declarer in it) 60 s after the declare`);
}

/** When /readyz first said 200 after PostgreSQL came back (polled every 50 ms for up to a minute). */
async function firstReady(baseUrl: string, firebreak: FirebreakProcess): Promise<number | undefined> {
  try {
    await waitUntilReady(firebreak, Number(new URL(baseUrl).port), 60_000);
    return performance.now();
  } catch {
    return undefined;
  }
}

/** When (performance.now()) each part of the end state was first reached; `all` once every part held at once. */
type CaughtUp = { events?: number; inbox?: number; outbox?: number; commands?: number; all?: number };
type EndState = { reached: CaughtUp; unhandledAtFirst: string };

/** Caught up: every event on the timeline, no inbox row unhandled, no outbox row open, every held command answered. */
async function waitForEndState(
  database: ScratchDatabase,
  traffic: Traffic,
  emulator: ChaosContext['emulator'],
  channelId: string,
): Promise<EndState> {
  const deadline = performance.now() + catchUpMs;
  const reached: CaughtUp = {};
  // What was still unhandled when the traffic stopped, e.g. "command (1 attempt) 1": says what a slow catch-up waited for.
  const unhandled = await database.sql<{ kind: string; attempts: number }[]>`
    SELECT kind, attempts FROM inbox WHERE handled_at IS NULL`;
  const unhandledAtFirst =
    [...countBy(unhandled.map((row) => `${row.kind} (attempts ${row.attempts})`))]
      .map(([what, n]) => `${what} ${n}`)
      .join(', ') || 'none';
  const mark = (part: keyof CaughtUp, done: boolean) => {
    if (done) reached[part] ??= performance.now();
    return done;
  };
  while (performance.now() < deadline) {
    const counts = await messageCounts(database, channelId);
    const [open] = await database.sql<{ inbox: number; outbox: number }[]>`
      SELECT (SELECT count(*)::int FROM inbox WHERE handled_at IS NULL) AS inbox,
             (SELECT count(*)::int FROM outbox WHERE status IN ('pending', 'running')) AS outbox`;
    const held = traffic.commands.filter((run) => isHeld(run.answer) && !finalAnswerOf(emulator, run.responseUrl));
    const parts = [
      mark(
        'events',
        traffic.events.every((run) => counts.has(run.ts)),
      ),
      mark('inbox', open?.inbox === 0),
      mark('outbox', open?.outbox === 0),
      mark('commands', held.length === 0),
    ];
    if (parts.every(Boolean)) return { reached: { ...reached, all: performance.now() }, unhandledAtFirst };
    await sleep(100);
  }
  return { reached, unhandledAtFirst };
}

async function messageCounts(database: ScratchDatabase, channelId: string): Promise<Map<string, number>> {
  const rows = await database.sql<{ slack_ts: string; n: number }[]>`
    SELECT t.slack_ts, count(*)::int AS n FROM timeline_entries t JOIN incidents i ON i.id = t.incident_id
     WHERE i.channel_id = ${channelId} AND t.kind = 'message' AND t.slack_ts LIKE ${`${tsBase}.%`}
     GROUP BY t.slack_ts`;
  return new Map(rows.map((row) => [row.slack_ts, row.n]));
}

async function timelineTexts(database: ScratchDatabase, channelId: string): Promise<Map<string, number>> {
  const rows = await database.sql<{ text: string; n: number }[]>`
    SELECT t.text, count(*)::int AS n FROM timeline_entries t JOIN incidents i ON i.id = t.incident_id
     WHERE i.channel_id = ${channelId} AND t.text LIKE ${`${label} note %`}
     GROUP BY t.text`;
  return new Map(rows.map((row) => [row.text, row.n]));
}

/** The status change queued before the stop reached Slack once; the outbox has nothing left open or dead. */
async function checkEffects(
  database: ScratchDatabase,
  emulator: ChaosContext['emulator'],
  channelId: string,
  statusAnswer: { status: number; responseUrl?: string | undefined },
): Promise<{ figures: Figure[]; problems: string[] }> {
  const problems: string[] = [];
  const [outbox] = await database.sql<{ open: number; dead: number; done: number }[]>`
    SELECT count(*) FILTER (WHERE status IN ('pending', 'running'))::int AS open,
           count(*) FILTER (WHERE status = 'dead')::int AS dead,
           count(*) FILTER (WHERE status = 'done')::int AS done FROM outbox`;
  const botPosts = emulator.workspace.messages(channelId).filter((message) => message.user === emulator.botUserId);
  const statusPosts = botPosts.filter((message) => message.text?.includes('set the status to *Identified*')).length;
  const twice = [...countBy(botPosts.map((message) => message.text ?? ''))].filter(([, n]) => n > 1);
  if (statusAnswer.status !== 200)
    problems.push(`the status change before the stop was answered ${statusAnswer.status}`);
  // Answered at once, so anything more on its response_url is the request run a second time.
  const lateAnswers = emulator.workspace.responseLog.filter((entry) => entry.url === statusAnswer.responseUrl);
  if (lateAnswers.length > 0)
    problems.push(`the status change got ${lateAnswers.length} late answers: ${lateAnswers[0]?.text?.slice(0, 120)}`);
  if (statusPosts !== 1) problems.push(`the status change queued before the stop was posted ${statusPosts} times`);
  if (twice.length > 0) problems.push(`bot posts in the channel twice: ${twice.map(([text]) => text).join(' | ')}`);
  if ((outbox?.open ?? 0) > 0) problems.push(`${outbox?.open} outbox rows still pending or running`);
  if ((outbox?.dead ?? 0) > 0) problems.push(`${outbox?.dead} outbox rows dead`);
  return {
    figures: [
      ['status change post (queued before the stop)', statusPosts],
      ['outbox done / open / dead', `${outbox?.done} / ${outbox?.open} / ${outbox?.dead}`],
      ['bot posts in the channel (same text twice)', `${botPosts.length} (${twice.length})`],
    ],
    problems,
  };
}

export const postgresRestart: ChaosScenario = {
  name,
  description:
    'PostgreSQL stopped and started under steady traffic: 503 while down, honest command answers in 3 s, nothing lost',
  run: runPostgresRestart,
};
