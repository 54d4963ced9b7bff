import { performance } from 'node:perf_hooks';
import {
  benchWorkspace,
  type SignedRequest,
  type SigningOptions,
  signedMessageEvent,
  signedSlashCommand,
} from '../../bench/slack-requests.ts';
import { createScratchDatabase, type ScratchDatabase } from '../database.ts';
import { type DeliveryOutcome, deliver, inParallel, retryHeaders } from '../delivery.ts';
import { waitUntil } from '../emulated-slack.ts';
import { type FirebreakProcess, firebreakEnv, freePort, startFirebreak, waitUntilReady } from '../firebreak-process.ts';
import { startRoundRobinProxy } from '../round-robin-proxy.ts';
import type { ChaosContext, ChaosResult, ChaosScenario } from '../scenario.ts';
import { freshSeed, seededRandom } from '../seeded-random.ts';
import {
  type ClickedIncident,
  checkClicksAndJobs,
  dueJobs,
  makeJobsDue,
  setUpDigest,
  statusClick,
} from './clicks-and-jobs.ts';

const name = 'two-replicas-duplicates';
/** Incidents whose stakeholder-update nudge is made due (each is a DM to the same person: about one a second). */
const nudgedIncidents = 5;
/** Requests (each with all its copies) in flight at once. */
const concurrency = 25;
/** Everything counts as quiet when no outbox row is open and the timeline has not grown for this long. */
const quietMs = 2000;
/** Gives up waiting once nothing has changed for this long (the report then says what is missing). */
const stallMs = 15_000;
/** …or once this long has passed however busy it still is (work that repeats itself never goes quiet). */
const giveUpMs = 90_000;
/** The ts range of this scenario's messages: "1797000000.000001", … (six digits, so CHAOS_EVENTS ≤ 999999). */
const tsBase = 1797000000;
const tsOf = (i: number) => `${tsBase}.${String(i + 1).padStart(6, '0')}`;
const eventIdOf = (i: number) => `Ev${tsBase}R${String(i + 1).padStart(6, '0')}`;
const titleOf = (i: number) => `Chaos title ${i + 1}`;
/** The channel Firebreak names for declare i, whatever number the incident got. */
const channelPatternOf = (i: number) => new RegExp(`^inc-\\d+-chaos-title-${i + 1}$`);

/** How many declares the run makes unless told: one per 25 events (5,000 events → 200 declares), at least 2. */
export const defaultDeclaresFor = (events: number) => Math.max(2, Math.round(events / 25));

export type TwoReplicasOptions = {
  /** Slash-command declares (CHAOS_DECLARES); the rest of the traffic is `context.events` message events. */
  declares?: number;
  /** Seeds the copy counts, their timing and which carry retry headers (CHAOS_SEED); the same seed, the same plan. */
  seed?: number;
};

/** How one request is delivered: 1–4 copies, all at once or one after another, some with Slack's retry headers. */
type CopyPlan = { copies: number; concurrent: boolean; withRetryHeaders: boolean[] };

type Tally = {
  requests: number;
  deliveries: number;
  withRetryHeaders: number;
  statuses: Map<string, number>;
  /** Requests none of whose copies got a 200: Slack would count them failed (they must still land if stored). */
  neverAnswered: number;
};

function planCopies(random: () => number): CopyPlan {
  const copies = 1 + Math.floor(random() * 4);
  return {
    copies,
    concurrent: random() < 0.5,
    // The first copy is Slack's first delivery; a later one is either a numbered retry or an identical re-send.
    withRetryHeaders: Array.from({ length: copies }, (_, k) => k > 0 && random() < 0.5),
  };
}

/** Delivers one signed request per its plan through `url`, counting every copy in `tally`. */
async function deliverCopies(url: string, request: SignedRequest, plan: CopyPlan, tally: Tally): Promise<void> {
  tally.requests++;
  let retryNum = 0;
  const extra = plan.withRetryHeaders.map((retry) => (retry ? retryHeaders(++retryNum, 'http_timeout') : {}));
  const count = (outcome: DeliveryOutcome) => {
    tally.deliveries++;
    const key = outcome.status === undefined ? outcome.error : `HTTP ${outcome.status}`;
    tally.statuses.set(key, (tally.statuses.get(key) ?? 0) + 1);
    return outcome;
  };
  tally.withRetryHeaders += retryNum;
  let outcomes: DeliveryOutcome[];
  if (plan.concurrent) {
    outcomes = await Promise.all(extra.map((headers) => deliver(url, request, headers).then(count)));
  } else {
    outcomes = [];
    for (const headers of extra) {
      outcomes.push(count(await deliver(url, request, headers)));
      // "Quick succession": the next copy 0–20 ms after the previous answer.
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 20)));
    }
  }
  if (!outcomes.some((outcome) => outcome.status === 200)) tally.neverAnswered++;
}

/**
 * Runs two Firebreak processes on one database behind a round-robin proxy, delivers `declares` slash-command
 * declares and then `context.events` message events into the new channels, each request 1–4 times (concurrently or
 * in quick succession, some copies with x-slack-retry-num) so copies land on both replicas, waits until both are
 * quiet, and checks the database and the emulator: one incident, one channel, one card, one pin and one
 * announcement per declare, and each message on the timeline exactly once.
 */
export async function runTwoReplicasDuplicates(
  context: ChaosContext,
  options: TwoReplicasOptions = {},
): Promise<ChaosResult> {
  const events = context.events;
  const declares = options.declares ?? defaultDeclaresFor(events);
  const seed = options.seed ?? freshSeed();
  if (!Number.isInteger(events) || events < 0 || events > 999_999)
    throw new Error(`CHAOS_EVENTS must be an integer from 0 to 999999 (six-digit ts), not ${events}`);
  if (!Number.isInteger(declares) || declares < 1 || declares > 9999)
    throw new Error(`CHAOS_DECLARES must be an integer from 1 to 9999, not ${declares}`);
  const random = seededRandom(seed);
  const database = await createScratchDatabase(context.adminUrl);
  const digest = await setUpDigest(context.emulator);
  const signing: SigningOptions = { signingSecret: context.emulator.signingSecret };
  const ports = [await freePort(), await freePort()];
  const envFor = (port: number) =>
    firebreakEnv(context.emulator, database.url, port, { LOG_LEVEL: 'warn', FIREBREAK_CONFIG: digest.configPath });
  const replicas: FirebreakProcess[] = [];
  // Which replicas each request's copies reached (copies share their body byte for byte).
  const reached = new Map<string, Set<number>>();
  const proxy = await startRoundRobinProxy(ports, (target, body) => {
    const key = body.toString('utf8');
    reached.set(key, (reached.get(key) ?? new Set()).add(target));
  });
  const endpoint = `${proxy.url}/slack/events`;
  const problems: string[] = [];
  try {
    // One after the other: the first migrates the fresh database, the second finds it migrated.
    for (const port of ports) {
      const replica = startFirebreak(envFor(port));
      replicas.push(replica);
      await waitUntilReady(replica, port);
    }
    context.log(
      `  ${name}: seed ${seed}; ${declares} declares, then ${events} events, each 1–4 times, via ${proxy.url}`,
    );
    const startedAt = performance.now();

    const declareTally = newTally();
    const responseUrl = new URL('/chaos/response', context.emulator.apiUrl).toString();
    // Plans are drawn up front, in order, so the seed alone decides them whatever the timing.
    const declarePlans = Array.from({ length: declares }, () => planCopies(random));
    await inParallel(declares, concurrency, async (i) => {
      const request = signedSlashCommand(signing, {
        text: `declare sev2 ${titleOf(i)}`,
        sequence: i + 1,
        responseUrl,
      });
      await deliverCopies(endpoint, request, declarePlans[i] as CopyPlan, declareTally);
    });
    const declaresSentAt = performance.now();
    const channels = await waitForChannels(database, declares);
    const channelsAt = performance.now();
    const channelIds = [...channels.values()];
    if (channelIds.length === 0) throw new Error('no declared incident got a channel');

    const eventTally = newTally();
    const eventPlans = Array.from({ length: events }, () => planCopies(random));
    const channelOfEvent = (i: number) => channelIds[i % channelIds.length] as string;
    await inParallel(events, concurrency, async (i) => {
      const request = signedMessageEvent(signing, {
        eventId: eventIdOf(i),
        channelId: channelOfEvent(i),
        ts: tsOf(i),
        text: `chaos message ${i + 1}`,
      });
      await deliverCopies(endpoint, request, eventPlans[i] as CopyPlan, eventTally);
    });
    const eventsSentAt = performance.now();

    // Card clicks, 1–4 times each like everything else: every incident's status select set to "Identified".
    // Each card is posted after its channel, paced by Slack's tiers: wait for all of them (the check below
    // still reports any that never came).
    await waitUntil(async () => {
      const [row] = await database.sql<{ waiting: number }[]>`
        SELECT count(*)::int AS waiting FROM incidents
         WHERE team_id = ${benchWorkspace.teamId} AND (channel_id IS NULL OR card_ts IS NULL)`;
      return row?.waiting === 0;
    }, 60_000);
    const clicked: ClickedIncident[] = (
      await database.sql<{ id: number; title: string; channel_id: string; card_ts: string }[]>`
        SELECT id::int, title, channel_id, card_ts FROM incidents
         WHERE team_id = ${benchWorkspace.teamId} AND channel_id IS NOT NULL AND card_ts IS NOT NULL ORDER BY id`
    ).map((row) => ({ id: row.id, title: row.title, channelId: row.channel_id, cardTs: row.card_ts }));
    const clickTally = newTally();
    const clickPlans = clicked.map(() => planCopies(random));
    await inParallel(clicked.length, concurrency, async (i) => {
      const request = statusClick(context.emulator, signing, clicked[i] as ClickedIncident, i + 1, responseUrl);
      await deliverCopies(endpoint, request, clickPlans[i] as CopyPlan, clickTally);
    });
    // Then the scheduled work, for both replicas' schedulers at once: each incident's nudge and the digest.
    const madeDue = await makeJobsDue(database, nudgedIncidents);
    const sentAt = performance.now();
    const quietAt = await waitUntilQuiet(database, events);
    const quiet = quietAt !== undefined;

    // The database: one incident per declare, each declare_key once.
    const incidents = await database.sql<
      {
        id: string;
        number: number;
        title: string;
        declare_key: string;
        channel_id: string | null;
        card_ts: string | null;
      }[]
    >`SELECT id::text, number, title, declare_key, channel_id, card_ts FROM incidents WHERE team_id = ${benchWorkspace.teamId}`;
    const byTitle = countBy(incidents.map((row) => row.title));
    const byKey = countBy(incidents.map((row) => row.declare_key));
    const duplicateIncidents = [...byTitle].filter(([, n]) => n > 1).map(([title]) => title);
    const duplicateKeys = [...byKey].filter(([, n]) => n > 1).map(([key]) => key);
    const missingIncidents = range(declares)
      .filter((i) => !byTitle.has(titleOf(i)))
      .map(titleOf);

    // The emulator: one inc-* channel per declare, one card and one pin in it, one announcement in #incidents.
    const emulatorChannels = context.emulator.workspace.channels().map((c: { name: string }) => c.name);
    const channelCounts = range(declares).map(
      (i) => emulatorChannels.filter((n) => channelPatternOf(i).test(n)).length,
    );
    const duplicateChannels = range(declares)
      .filter((i) => (channelCounts[i] ?? 0) > 1)
      .map(titleOf);
    const missingChannels = range(declares)
      .filter((i) => channelCounts[i] === 0)
      .map(titleOf);
    const announcements = context.emulator.workspace.messages(benchWorkspace.channelId);
    const posts = {
      cards: [] as string[],
      pins: [] as string[],
      announcements: [] as string[],
      identical: [] as string[],
    };
    const missingPosts: string[] = [];
    for (const incident of incidents) {
      const channelId = incident.channel_id;
      if (!channelId) {
        missingPosts.push(`${incident.title}: no channel`);
        continue;
      }
      const messages = context.emulator.workspace.messages(channelId);
      const cards = messages.filter((m) => JSON.stringify(m.blocks ?? []).includes('incident_card.')).length;
      const pins = context.emulator.workspace.pins(channelId).length;
      const announced = announcements.filter((m) => JSON.stringify(m.blocks ?? []).includes(`<#${channelId}>`)).length;
      for (const [kind, n] of [
        ['cards', cards],
        ['pins', pins],
        ['announcements', announced],
      ] as const) {
        if (n > 1) posts[kind].push(`${incident.title} (${n})`);
        if (n === 0) missingPosts.push(`${incident.title}: no ${kind.replace(/s$/, '')}`);
      }
      // Any other bot post doubled: the same text twice in one channel.
      const botTexts = countBy(messages.filter((m) => m.bot_id).map((m) => m.text ?? ''));
      for (const [text, n] of botTexts)
        if (n > 1) posts.identical.push(`${incident.title}: "${text.slice(0, 60)}" ×${n}`);
    }

    // The timeline: each message once per ts, and each incident's own entries once per kind.
    const onTimeline = await messageCounts(database);
    const doubledMessages = [...onTimeline].filter(([, n]) => n > 1).map(([ts]) => ts);
    const lostMessages = range(events)
      .map(tsOf)
      .filter((ts) => !onTimeline.has(ts));
    const lifecycle = await database.sql<{ title: string; kind: string; n: number }[]>`
      SELECT i.title, t.kind, count(*)::int AS n FROM timeline_entries t JOIN incidents i ON i.id = t.incident_id
       WHERE t.team_id = ${benchWorkspace.teamId} AND t.kind IN ('declared', 'channel_created', 'announced')
       GROUP BY i.title, t.kind`;
    const doubledLifecycle = lifecycle.filter((row) => row.n > 1).map((row) => `${row.title} ${row.kind} ×${row.n}`);
    const open = await openOutbox(database);
    const unhandled = await unhandledInbox(database);
    const later = await checkClicksAndJobs(database, context.emulator, clicked, madeDue.nudgedIds, digest);

    const report = (what: string, items: string[]) => {
      if (items.length > 0) problems.push(`${items.length} ${what}: ${sample(items)}`);
    };
    report('duplicate incidents (same title)', duplicateIncidents);
    report('declare_keys on more than one incident', duplicateKeys);
    report('declares with no incident', missingIncidents);
    report('declares with more than one inc-* channel', duplicateChannels);
    report('declares with no inc-* channel', missingChannels);
    report('incidents with more than one card', posts.cards);
    report('incidents with more than one pin', posts.pins);
    report('incidents announced more than once', posts.announcements);
    report('identical bot posts in an incident channel', posts.identical);
    report('missing posts', missingPosts);
    report('messages on the timeline more than once', doubledMessages);
    report('messages not on the timeline', lostMessages);
    report('lifecycle entries more than once', doubledLifecycle);
    for (const [what, items] of later.found) report(what, items);
    if (clicked.length < incidents.length)
      problems.push(`${incidents.length - clicked.length} incidents had no card to click once the events were sent`);
    if (madeDue.digests !== 1) problems.push(`${madeDue.digests} digest jobs were pending at start (expected 1)`);
    if (madeDue.nudgedIds.length < Math.min(nudgedIncidents, clicked.length))
      problems.push(`${madeDue.nudgedIds.length} stakeholder-update nudges were pending (expected ${nudgedIncidents})`);
    if (open > 0) problems.push(`${open} outbox rows still pending or running once quiet`);
    if (unhandled > 0) problems.push(`${unhandled} inbox rows still unhandled once quiet`);
    const [forwardedA = 0, forwardedB = 0] = proxy.forwarded();
    if (forwardedA === 0 || forwardedB === 0)
      problems.push(`one replica got no traffic (A ${forwardedA}, B ${forwardedB})`);
    if (problems.length > 0)
      replicas.forEach((replica, k) => {
        if (replica.output().trim())
          problems.push(`replica ${'AB'[k]} output (tail):\n${replica.output().slice(-1500)}`);
      });

    return {
      name,
      figures: [
        ['seed (CHAOS_SEED)', seed],
        ['declares (requests)', declareTally.requests],
        ['  deliveries', declareTally.deliveries],
        ['  with x-slack-retry-num', declareTally.withRetryHeaders],
        ['  answers', formatCounts(declareTally.statuses)],
        ['events (requests)', eventTally.requests],
        ['  deliveries', eventTally.deliveries],
        ['  with x-slack-retry-num', eventTally.withRetryHeaders],
        ['  answers', formatCounts(eventTally.statuses)],
        ['status clicks (requests)', clickTally.requests],
        ['  deliveries', clickTally.deliveries],
        ['  with x-slack-retry-num', clickTally.withRetryHeaders],
        ['  answers', formatCounts(clickTally.statuses)],
        [
          'requests with no 200 at all',
          declareTally.neverAnswered + eventTally.neverAnswered + clickTally.neverAnswered,
        ],
        ['forwarded to replica A', forwardedA],
        ['forwarded to replica B', forwardedB],
        ['requests whose copies reached both', [...reached.values()].filter((targets) => targets.size > 1).length],
        ['incidents', incidents.length],
        ['inc-* channels', channelCounts.reduce((sum, n) => sum + n, 0)],
        ['messages on the timeline', onTimeline.size],
        ['status changes on the timeline', later.statusChanges],
        [
          'nudges made due / in channels / by DM',
          `${madeDue.nudgedIds.length} / ${later.nudgesInChannels} / ${later.nudgesByDm}`,
        ],
        ['digest posts / charts', `${later.digestPosts} / ${later.digestCharts}`],
        ['duplicate incidents', duplicateIncidents.length + duplicateKeys.length],
        ['duplicate channels', duplicateChannels.length],
        [
          'duplicate timeline entries',
          doubledMessages.length + doubledLifecycle.length + countOf(later, 'on the timeline'),
        ],
        [
          'duplicate posts',
          posts.cards.length + posts.pins.length + posts.announcements.length + posts.identical.length,
        ],
        ['duplicate status changes', countOf(later, 'status clicks')],
        ['duplicate reminders', countOf(later, 'posted more than once in a channel') + countOf(later, 'by DM')],
        ['duplicate digests', countOf(later, 'digest')],
        [
          'lost (incidents, channels, messages)',
          missingIncidents.length + missingChannels.length + lostMessages.length,
        ],
        ['declares sent ms', Math.round(declaresSentAt - startedAt)],
        ['  then → every channel ms', Math.round(channelsAt - declaresSentAt)],
        ['events sent ms', Math.round(eventsSentAt - channelsAt)],
        ['clicks sent ms', Math.round(sentAt - eventsSentAt)],
        ['sent → quiet ms', quiet ? Math.round(quietAt - sentAt) : 'never'],
        ['whole traffic → quiet ms', quiet ? Math.round(quietAt - startedAt) : 'never'],
      ],
      problems,
    };
  } finally {
    await proxy.close();
    await Promise.all(replicas.map((replica) => replica.stop()));
    await database.drop();
    await digest.remove();
  }
}

/** How many of the later checks' duplicates are of a kind (by words in its name); "missing" lists are not counted. */
function countOf(check: { found: Array<[string, string[]]> }, words: string): number {
  return check.found
    .filter(([what]) => what.includes('more than once') && what.includes(words))
    .reduce((sum, [, items]) => sum + items.length, 0);
}

const newTally = (): Tally => ({
  requests: 0,
  deliveries: 0,
  withRetryHeaders: 0,
  statuses: new Map(),
  neverAnswered: 0,
});
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const sample = (items: string[]) => `${items.slice(0, 5).join(', ')}${items.length > 5 ? ', …' : ''}`;
const formatCounts = (counts: Map<string, number>) => [...counts].map(([key, n]) => `${key} ${n}`).join(', ');

function countBy(items: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}

/** Waits until every declare's incident has a channel (or nothing changed for {@link stallMs}); title → channel id. */
async function waitForChannels(database: ScratchDatabase, declares: number): Promise<Map<string, string>> {
  let seen = -1;
  let changedAt = performance.now();
  for (;;) {
    const rows = await database.sql<{ title: string; channel_id: string }[]>`
      SELECT title, channel_id FROM incidents WHERE team_id = ${benchWorkspace.teamId} AND channel_id IS NOT NULL`;
    if (rows.length >= declares || performance.now() - changedAt >= stallMs)
      return new Map(rows.map((row) => [row.title, row.channel_id]));
    if (rows.length !== seen) [seen, changedAt] = [rows.length, performance.now()];
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Message rows of this scenario's ts range, per ts (the timeline's source key is msg:<channel>:<ts>). */
async function messageCounts(database: ScratchDatabase): Promise<Map<string, number>> {
  const rows = await database.sql<{ slack_ts: string; n: number }[]>`
    SELECT slack_ts, count(*)::int AS n FROM timeline_entries
     WHERE team_id = ${benchWorkspace.teamId} AND kind = 'message' AND slack_ts LIKE ${`${tsBase}.%`}
     GROUP BY slack_ts`;
  return new Map(rows.map((row) => [row.slack_ts, row.n]));
}

async function openOutbox(database: ScratchDatabase): Promise<number> {
  const [row] = await database.sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM outbox WHERE team_id = ${benchWorkspace.teamId} AND status IN ('pending', 'running')`;
  return row?.n ?? 0;
}

async function unhandledInbox(database: ScratchDatabase): Promise<number> {
  const [row] = await database.sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM inbox WHERE team_id = ${benchWorkspace.teamId} AND handled_at IS NULL`;
  return row?.n ?? 0;
}

/**
 * Both replicas are quiet once no outbox row is pending or running, no inbox row is unhandled, and the timeline
 * holds every message and has not grown for {@link quietMs}. Returns when (performance.now()) the last change before
 * that came, or undefined when nothing changed for {@link stallMs} (or {@link giveUpMs} passed) without getting there.
 */
async function waitUntilQuiet(database: ScratchDatabase, events: number): Promise<number | undefined> {
  let state = '';
  let changedAt = performance.now();
  const giveUpAt = changedAt + giveUpMs;
  for (;;) {
    const [timeline] = await database.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM timeline_entries WHERE team_id = ${benchWorkspace.teamId}`;
    const [messages] = await database.sql<{ n: number }[]>`
      SELECT count(DISTINCT slack_ts)::int AS n FROM timeline_entries
       WHERE team_id = ${benchWorkspace.teamId} AND kind = 'message' AND slack_ts LIKE ${`${tsBase}.%`}`;
    const open = await openOutbox(database);
    const unhandled = await unhandledInbox(database);
    const due = await dueJobs(database);
    const now = `${timeline?.n}/${open}/${unhandled}/${due}`;
    if (now !== state) [state, changedAt] = [now, performance.now()];
    const settled = open === 0 && unhandled === 0 && due === 0 && (messages?.n ?? 0) >= events;
    if (settled && performance.now() - changedAt >= quietMs) return changedAt;
    if (performance.now() - changedAt >= stallMs || performance.now() >= giveUpAt) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const twoReplicasDuplicates: ChaosScenario = {
  name,
  description:
    'two replicas on one database behind a round-robin proxy; every request delivered 1–4 times: nothing done twice',
  run: (context) => runTwoReplicasDuplicates(context, { declares: context.declares, seed: context.seed }),
};
