import { performance } from 'node:perf_hooks';
import {
  benchWorkspace,
  type SignedRequest,
  type SigningOptions,
  signedBlockAction,
  signedMessageEvent,
  signedSlashCommand,
} from '../../bench/slack-requests.ts';
import { createScratchDatabase, type ScratchDatabase } from '../database.ts';
import { deliver } from '../delivery.ts';
import { type FirebreakProcess, firebreakEnv, freePort, startFirebreak, waitUntilReady } from '../firebreak-process.ts';
import { residentMiB, watchLogLevels } from '../log-levels.ts';
import type { ChaosContext, ChaosResult, ChaosScenario, Figure } from '../scenario.ts';

const name = 'soak';
/** Default length of the run (CHAOS_SOAK_SECONDS shortens it). */
export const defaultSoakSeconds = 30 * 60;
/** Requests started per second, whatever the answers' speed (an open loop, as Slack sends). */
const defaultRate = 4;
/** The figures are cut into this many windows of equal length, to show p99 and memory staying where they were. */
const windows = 6;
/** Open incidents: declared up to the first, then declares and resolves (the oldest) alternate; never more than the second. */
const minOpen = 3;
const maxOpen = 6;
/** Requests in flight at most; a tick finding this many waits, so a slow process is not buried (and it shows in p99). */
const maxInFlight = 40;
/**
 * "Memory flat", as a check that cannot flap: the process's RSS at the end may be at most this many times its RSS
 * after warm-up. A leak of a few hundred bytes per request over 30 minutes stays under it and is told by the figures
 * (RSS per window); a real leak (a cache or list that never shrinks) doubles it.
 */
export const rssGrowthLimit = 2;
/** Everything counts as quiet once no outbox row is open, no inbox row unhandled, and nothing changed for this long. */
const quietMs = 2000;
const stallMs = 20_000;
const tsBase = 1798000000;
const alice = benchWorkspace.userId;

/** One of the traffic's kinds; each request's answer time is recorded under its kind. */
type Kind = 'declare' | 'message' | 'note' | 'severity' | 'status click' | 'update (button + form)' | 'resolve (form)';

type Incident = {
  id: number;
  title: string;
  channelId: string;
  channelName: string;
  cardTs: string;
  status: 'investigating' | 'identified' | 'monitoring';
  severity: 'sev1' | 'sev2';
  /** A status click, update or resolve on it is under way: the next one waits (a person clicks one thing at a time). */
  busy: boolean;
};

type Sample = { at: number; ms: number; kind: Kind };

export type SoakOptions = {
  /** Length of the run in seconds (default 30 minutes). */
  seconds?: number;
  /** Requests started per second (default 4). */
  rate?: number;
};

/** Traffic of one tick, in a fixed rotation of 20 (5 s at 4/s): mostly channel messages, a command or click between. */
const rotation: Array<'message' | 'note' | 'severity' | 'status' | 'update' | 'lifecycle'> = [
  'lifecycle',
  'message',
  'message',
  'note',
  'message',
  'message',
  'status',
  'message',
  'message',
  'message',
  'severity',
  'message',
  'message',
  'update',
  'message',
  'message',
  'message',
  'note',
  'message',
  'message',
];

/**
 * One real Firebreak process on PostgreSQL, driven for `seconds` at a steady `rate` with mixed traffic — declares,
 * channel messages, notes, severity changes, card status clicks, stakeholder updates (the card's button and its
 * form), resolves (the form) — keeping a handful of incidents open. Reports RSS after warm-up and per window, and
 * acknowledgement p50/p99 per window; a problem is any answer not 200 within Slack's 3 s, any error-level log
 * line, anything lost or doubled, or RSS more than {@link rssGrowthLimit}× its post-warm-up value.
 */
export async function runSoak(context: ChaosContext, options: SoakOptions = {}): Promise<ChaosResult> {
  const seconds = options.seconds ?? defaultSoakSeconds;
  const rate = options.rate ?? defaultRate;
  if (!(seconds >= 5)) throw new Error(`CHAOS_SOAK_SECONDS must be at least 5, not ${seconds}`);
  const { emulator } = context;
  const database = await createScratchDatabase(context.adminUrl);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/slack/events`;
  const signing: SigningOptions = { signingSecret: emulator.signingSecret };
  const responseUrl = new URL('/chaos/response', emulator.apiUrl).toString();
  const previousAppUrl = emulator.appUrl;
  // Forms need a trigger_id Slack issued: those flows go through the emulator, as a person's clicks do.
  emulator.appUrl = url;
  let firebreak: FirebreakProcess | undefined;
  const problems: string[] = [];
  try {
    firebreak = startFirebreak(firebreakEnv(emulator, database.url, port, { LOG_LEVEL: 'warn' }));
    const logs = watchLogLevels(firebreak.child);
    await waitUntilReady(firebreak, port);
    const pid = firebreak.child.pid;
    context.log(`  ${name}: ${seconds} s at ${rate} requests/s against pid ${pid} on ${url}`);

    const samples: Sample[] = [];
    const failures = new Map<string, number>();
    const fail = (what: string) => void failures.set(what, (failures.get(what) ?? 0) + 1);
    const failed = (what: string) => {
      fail(what);
      return false;
    };
    // What the run was told was done (answered 200, form closed): each must be in the database once.
    const done = { updates: [] as string[], resolves: 0 };
    const sent = { declares: 0, messages: 0, notes: 0, updates: 0, resolves: 0, severities: 0, clicks: 0 };
    const open: Incident[] = [];
    const known = new Set<number>();
    let declaring = 0;
    let sequence = 0;
    let inFlight = 0;
    const startedAt = performance.now();
    const elapsed = () => performance.now() - startedAt;

    const record = (kind: Kind, ms: number) => samples.push({ at: elapsed(), ms, kind });
    const send = async (kind: Kind, request: SignedRequest) => {
      const before = performance.now();
      const outcome = await deliver(url, request);
      record(kind, performance.now() - before);
      if (outcome.status !== 200) fail(`${kind}: ${outcome.status ?? outcome.error}`);
    };
    const command = (incident: Incident | undefined, text: string) =>
      signedSlashCommand(signing, {
        text,
        sequence: ++sequence,
        responseUrl,
        ...(incident ? { channelId: incident.channelId, channelName: incident.channelName } : {}),
      });

    // New incidents join the rotation once their channel and card exist.
    const adopt = async () => {
      const rows = await database.sql<
        { id: number; title: string; channel_id: string; channel_name: string; card_ts: string }[]
      >`SELECT id::int, title, channel_id, channel_name, card_ts FROM incidents
         WHERE team_id = ${benchWorkspace.teamId} AND channel_id IS NOT NULL AND card_ts IS NOT NULL`;
      for (const row of rows) {
        if (known.has(row.id)) continue;
        known.add(row.id);
        declaring--;
        open.push({
          id: row.id,
          title: row.title,
          channelId: row.channel_id,
          channelName: row.channel_name,
          cardTs: row.card_ts,
          status: 'investigating',
          severity: 'sev2',
          busy: false,
        });
      }
    };
    const pick = (free = false) => {
      const candidates = free ? open.filter((incident) => !incident.busy) : open;
      return candidates[Math.floor(Math.random() * candidates.length)];
    };

    const declare = () => {
      declaring++;
      sent.declares++;
      return send('declare', command(undefined, `declare sev2 Soak incident ${sent.declares}`));
    };
    const message = (incident: Incident) => {
      const n = ++sent.messages;
      const ts = `${tsBase}.${String(n).padStart(6, '0')}`;
      return send(
        'message',
        signedMessageEvent(signing, {
          eventId: `Ev${tsBase}S${String(n).padStart(6, '0')}`,
          channelId: incident.channelId,
          ts,
          text: `soak message ${n}`,
        }),
      );
    };
    const note = (incident: Incident) => send('note', command(incident, `note soak note ${++sent.notes}`));
    const severity = (incident: Incident) => {
      incident.severity = incident.severity === 'sev2' ? 'sev1' : 'sev2';
      sent.severities++;
      return send('severity', command(incident, `sev ${incident.severity} soak: impact changed`));
    };
    const statusClick = async (incident: Incident) => {
      const to = incident.status === 'investigating' ? 'identified' : 'monitoring';
      const card = emulator.workspace.message(incident.channelId, incident.cardTs);
      if (!card) return fail('status click: card not found in the emulator');
      incident.busy = true;
      incident.status = to;
      sent.clicks++;
      await send(
        'status click',
        signedBlockAction(signing, {
          sequence: ++sequence,
          channelId: incident.channelId,
          channelName: incident.channelName,
          message: { ts: card.ts, text: card.text, blocks: card.blocks, bot_id: card.bot_id },
          blockId: 'card_actions',
          action: { type: 'static_select', action_id: 'incident_card.status', selected_option: statusOption(to) },
          responseUrl,
        }),
      ).finally(() => (incident.busy = false));
    };
    // A form flow: the click or command that opens it, then the submission, each timed as its own answer.
    const formFlow = async (
      kind: Kind,
      incident: Incident,
      opener: () => Promise<{ status: number; ms: number }>,
      callbackId: string,
      values: Record<string, unknown>,
    ): Promise<boolean> => {
      incident.busy = true;
      try {
        const opened = await opener();
        record(kind, opened.ms);
        if (opened.status !== 200) return failed(`${kind}: opening answered ${opened.status}`);
        const view = await waitForView(emulator, callbackId, incident.id);
        if (!view) return failed(`${kind}: the form never opened`);
        const submitted = await emulator.submitView({ userId: alice, viewId: view, values });
        record(kind, submitted.ms);
        if (submitted.outcome !== 'closed')
          return failed(`${kind}: submission ${submitted.outcome} ${submitted.problem ?? ''}`);
        return true;
      } catch (error) {
        return failed(`${kind}: ${(error as Error).message}`);
      } finally {
        incident.busy = false;
      }
    };
    const update = async (incident: Incident) => {
      const status = `Soak update ${++sent.updates}`;
      const ok = await formFlow(
        'update (button + form)',
        incident,
        () =>
          emulator.clickButton({
            userId: alice,
            channelId: incident.channelId,
            messageTs: incident.cardTs,
            actionId: 'incident_card.update',
          }),
        'stakeholder_update',
        { status, impact: 'Some requests are slow', actions: 'Watching it', next_update: '30' },
      );
      if (ok) done.updates.push(status);
    };
    const resolve = async (incident: Incident) => {
      open.splice(open.indexOf(incident), 1);
      sent.resolves++;
      const ok = await formFlow(
        'resolve (form)',
        incident,
        () => emulator.slashCommand({ userId: alice, channelId: incident.channelId, text: 'resolve' }),
        'incident_resolve',
        { severity: incident.severity, change_induced: 'no', impact: 'Some requests were slow' },
      );
      if (ok) done.resolves++;
    };
    const lifecycle = () => {
      const oldest = open.find((incident) => !incident.busy);
      if (
        open.length + declaring < maxOpen &&
        (open.length + declaring < minOpen || sent.declares <= sent.resolves + minOpen)
      )
        return declare();
      if (oldest && open.length >= minOpen) return resolve(oldest);
      return declare();
    };

    const tick = (i: number) => {
      const slot = rotation[i % rotation.length];
      if (slot === 'lifecycle') return lifecycle();
      const any = pick();
      if (!any) return undefined;
      if (slot === 'note') return note(any);
      if (slot === 'severity') return severity(any);
      const free = pick(true);
      if (slot === 'status' && free && free.status !== 'monitoring') return statusClick(free);
      if (slot === 'update' && free) return update(free);
      return message(any);
    };

    // The run: one tick every 1/rate s against the wall clock (late ticks catch up, none is skipped).
    const warmupMs = Math.min(60_000, (seconds * 1000) / 10);
    const runMs = seconds * 1000;
    const rss: Array<[label: string, mib: number | undefined]> = [];
    let nextRss = warmupMs;
    let adoptedAt = 0;
    const running = new Set<Promise<unknown>>();
    for (let i = 0; elapsed() < runMs; i++) {
      const dueAt = (i * 1000) / rate;
      const wait = dueAt - elapsed();
      if (wait > 0) await sleep(wait);
      while (inFlight >= maxInFlight) await Promise.race(running);
      if (elapsed() - adoptedAt > 1000) {
        adoptedAt = elapsed();
        await adopt();
      }
      if (elapsed() >= nextRss) {
        rss.push([rss.length === 0 ? 'after warm-up' : `end of window ${rss.length}`, await residentMiB(pid)]);
        nextRss = rss.length === 1 ? runMs / windows : nextRss + runMs / windows;
      }
      const work = tick(i);
      if (!work) continue;
      inFlight++;
      const tracked: Promise<unknown> = Promise.resolve(work)
        .catch((error: unknown) => fail(`crashed: ${(error as Error).message}`))
        .finally(() => {
          inFlight--;
          running.delete(tracked);
        });
      running.add(tracked);
    }
    await Promise.all(running);
    const trafficMs = elapsed();
    rss.push(['end', await residentMiB(pid)]);
    const quiet = await waitUntilQuiet(database, sent.messages);

    // What must have happened exactly once.
    const count = async (query: Promise<{ key: string; n: number }[]>) =>
      new Map((await query).map((r) => [r.key, r.n]));
    const team = benchWorkspace.teamId;
    const incidents = await count(database.sql<{ key: string; n: number }[]>`
      SELECT title AS key, count(*)::int AS n FROM incidents WHERE team_id = ${team} GROUP BY title`);
    const messages = await count(database.sql<{ key: string; n: number }[]>`
      SELECT slack_ts AS key, count(*)::int AS n FROM timeline_entries
       WHERE team_id = ${team} AND kind = 'message' AND slack_ts LIKE ${`${tsBase}.%`} GROUP BY slack_ts`);
    const notes = await count(database.sql<{ key: string; n: number }[]>`
      SELECT text AS key, count(*)::int AS n FROM timeline_entries
       WHERE team_id = ${team} AND kind = 'note' AND text LIKE 'soak note %' GROUP BY text`);
    const updates = await count(database.sql<{ key: string; n: number }[]>`
      SELECT status AS key, count(*)::int AS n FROM stakeholder_updates WHERE team_id = ${team} GROUP BY status`);
    const [resolvedRow] = await database.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM incidents WHERE team_id = ${team} AND status = 'resolved'`;
    const expect = (what: string, counts: Map<string, number>, expected: string[]) => {
      const doubled = [...counts].filter(([, n]) => n > 1).map(([key, n]) => `${key} ×${n}`);
      const lost = expected.filter((key) => !counts.has(key));
      if (doubled.length > 0) problems.push(`${doubled.length} ${what} more than once: ${sample(doubled)}`);
      if (lost.length > 0) problems.push(`${lost.length} ${what} missing: ${sample(lost)}`);
      return { doubled: doubled.length, lost: lost.length };
    };
    const checked = [
      expect(
        'incidents',
        incidents,
        range(sent.declares).map((i) => `Soak incident ${i + 1}`),
      ),
      expect(
        'messages on the timeline',
        messages,
        range(sent.messages).map((i) => `${tsBase}.${String(i + 1).padStart(6, '0')}`),
      ),
      expect(
        'notes on the timeline',
        notes,
        range(sent.notes).map((i) => `soak note ${i + 1}`),
      ),
      expect('stakeholder updates', updates, done.updates),
    ];
    if ((resolvedRow?.n ?? 0) !== done.resolves)
      problems.push(`${done.resolves} resolve forms submitted, ${resolvedRow?.n ?? 0} incidents resolved`);
    const notOk = [...failures.values()].reduce((sum, n) => sum + n, 0);
    if (notOk > 0) problems.push(`${notOk} requests not answered 200 in 3 s: ${formatCounts(failures)}`);
    if (logs.errors() > 0) problems.push(`${logs.errors()} error lines logged: ${logs.errorSamples().join('\n')}`);
    if (!quiet) problems.push('never quiet: outbox or inbox rows still open, or messages missing, after traffic');
    if (firebreak.child.exitCode !== null) problems.push(`the process exited (${firebreak.child.exitCode})`);
    const startRss = rss[0]?.[1];
    const endRss = rss.at(-1)?.[1];
    if (startRss !== undefined && endRss !== undefined && endRss > rssGrowthLimit * startRss)
      problems.push(`RSS grew from ${startRss} MiB after warm-up to ${endRss} MiB (limit ×${rssGrowthLimit})`);
    if (problems.length > 0) problems.push(`process output (tail):\n${firebreak.output().slice(-1500)}`);

    const windowFigures: Figure[] = range(windows).map((w) => {
      const from = (w * trafficMs) / windows;
      const to = ((w + 1) * trafficMs) / windows;
      const ms = samples.filter((s) => s.at >= from && s.at < to).map((s) => s.ms);
      return [
        `window ${w + 1} (${Math.round(from / 1000)}–${Math.round(to / 1000)} s) p50 / p99 ms, n`,
        `${percentile(ms, 50)} / ${percentile(ms, 99)}, ${ms.length}`,
      ];
    });
    const kinds = [...new Set(samples.map((s) => s.kind))];
    return {
      name,
      figures: [
        ['seconds of traffic', Math.round(trafficMs / 1000)],
        ['requests (answers timed)', samples.length],
        ['  not 200 in 3 s', notOk],
        ...kinds.map((kind): Figure => {
          const ms = samples.filter((s) => s.kind === kind).map((s) => s.ms);
          return [`  ${kind}: n, p50 / p99 ms`, `${ms.length}, ${percentile(ms, 50)} / ${percentile(ms, 99)}`];
        }),
        [
          'all: p50 / p99 / max ms',
          `${percentile(
            samples.map((s) => s.ms),
            50,
          )} / ${percentile(
            samples.map((s) => s.ms),
            99,
          )} / ${Math.round(Math.max(...samples.map((s) => s.ms)))}`,
        ],
        ...windowFigures,
        ...rss.map(([label, mib]): Figure => [`RSS MiB, ${label}`, mib ?? 'unknown']),
        ['RSS end / after warm-up', startRss && endRss ? (endRss / startRss).toFixed(2) : 'unknown'],
        ['declares / resolves', `${sent.declares} / ${sent.resolves}`],
        ['incidents / resolved', `${[...incidents.values()].reduce((a, n) => a + n, 0)} / ${resolvedRow?.n ?? 0}`],
        ['messages sent / on the timeline', `${sent.messages} / ${messages.size}`],
        ['notes sent / on the timeline', `${sent.notes} / ${notes.size}`],
        ['updates sent / stored', `${sent.updates} / ${[...updates.values()].reduce((a, n) => a + n, 0)}`],
        ['severity changes / status clicks', `${sent.severities} / ${sent.clicks}`],
        [
          'doubled / lost',
          `${checked.reduce((a, c) => a + c.doubled, 0)} / ${checked.reduce((a, c) => a + c.lost, 0)}`,
        ],
        ['log lines: error / warn', `${logs.errors()} / ${logs.warnings()}`],
        ['traffic end → quiet ms', quiet ? Math.round(quiet - startedAt - trafficMs) : 'never'],
      ],
      problems,
    };
  } finally {
    emulator.appUrl = previousAppUrl;
    await firebreak?.stop();
    await database.drop();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const sample = (items: string[]) => `${items.slice(0, 5).join(', ')}${items.length > 5 ? ', …' : ''}`;
const formatCounts = (counts: Map<string, number>) => [...counts].map(([key, n]) => `${key} ×${n}`).join(', ');
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const statusOption = (status: string) => ({ text: { type: 'plain_text', text: capitalise(status) }, value: status });

/** The nearest-rank percentile, in whole ms ('–' when there is nothing to rank). */
function percentile(values: number[], p: number): number | string {
  if (values.length === 0) return '–';
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number);
}

/** The id of the open form `callbackId` for `incidentId` (it opens after the acknowledgement), or undefined after 5 s. */
async function waitForView(
  emulator: ChaosContext['emulator'],
  callbackId: string,
  incidentId: number,
): Promise<string | undefined> {
  const deadline = performance.now() + 5000;
  const metadataFor = new RegExp(`"incidentId":${incidentId}[,}]`);
  while (performance.now() < deadline) {
    const view = emulator.workspace
      .views(alice)
      .filter(
        (v: { callback_id?: string; isOpen: boolean; private_metadata?: string }) =>
          v.callback_id === callbackId && v.isOpen && metadataFor.test(v.private_metadata ?? ''),
      )
      .at(-1) as { id: string } | undefined;
    if (view) return view.id;
    await sleep(20);
  }
  return undefined;
}

/**
 * Quiet: no outbox row pending or running, no inbox row unhandled, every message on the timeline, nothing changed
 * for {@link quietMs}. Returns when (performance.now()) the last change came, or undefined after {@link stallMs} stuck.
 */
async function waitUntilQuiet(database: ScratchDatabase, messages: number): Promise<number | undefined> {
  let state = '';
  let changedAt = performance.now();
  for (;;) {
    const [row] = await database.sql<{ timeline: number; messages: number; open: number; unhandled: number }[]>`
      SELECT (SELECT count(*)::int FROM timeline_entries) AS timeline,
             (SELECT count(DISTINCT slack_ts)::int FROM timeline_entries
               WHERE kind = 'message' AND slack_ts LIKE ${`${tsBase}.%`}) AS messages,
             (SELECT count(*)::int FROM outbox WHERE status IN ('pending', 'running')) AS open,
             (SELECT count(*)::int FROM inbox WHERE handled_at IS NULL) AS unhandled`;
    const now = `${row?.timeline}/${row?.open}/${row?.unhandled}`;
    if (now !== state) [state, changedAt] = [now, performance.now()];
    const settled = row?.open === 0 && row?.unhandled === 0 && (row?.messages ?? 0) >= messages;
    if (settled && performance.now() - changedAt >= quietMs) return changedAt;
    if (performance.now() - changedAt >= stallMs) return undefined;
    await sleep(200);
  }
}

export const soak: ChaosScenario = {
  name,
  description:
    'one process, 30 minutes (CHAOS_SOAK_SECONDS) of mixed traffic at a steady rate: memory flat, p99 stable, no error logged',
  run: (context) =>
    runSoak(context, {
      seconds: process.env.CHAOS_SOAK_SECONDS ? Number(process.env.CHAOS_SOAK_SECONDS) : undefined,
    }),
};
