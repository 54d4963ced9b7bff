import type { Emulator } from '@firebreak/slack-emulator';
import type { Figure } from '../scenario.ts';
import type { CommandRun, EventRun, ProbeRun } from '../steady-traffic.ts';

/** When (performance.now()) PostgreSQL was told to stop, was down, was told to start, and was up again. */
export type Outage = { stopCalledAt: number; downAt: number; startCalledAt: number; upAt: number };
type Checked = { figures: Figure[]; problems: string[] };

// What Firebreak answers a command with (templates/messages.yml): saved, not saved, or saved/unknown with the outcome to follow.
const savedAnswer = /^:memo: Noted at .*: (.+)$/;
const notSaved = 'Firebreak cannot reach its database; nothing was saved, try again in a minute';
const savedLate = 'Saved, but Firebreak answered late: don';
const heldAnswers = [
  'cannot tell yet whether it was saved',
  'Saved. Firebreak is slow to answer',
  "Saved, but Firebreak's database went away while handling it",
];
/** Slack gives up on a command after 3 s and shows the person an error. */
const slackPatienceMs = 3000;

/** Sent while PostgreSQL was fully down (stopped, not yet told to start). */
const whileDown = (outage: Outage, at: number) => at >= outage.downAt && at <= outage.startCalledAt;
/** Sent from the stop command to PostgreSQL being up again: the edges included. */
const duringOutage = (outage: Outage, at: number) => at >= outage.stopCalledAt && at <= outage.upAt;

/** An answer that says the outcome follows through response_url. */
export const isHeld = (answer: string) => heldAnswers.some((held) => answer.includes(held));

/** What Firebreak posted to a command's response_url after answering it. */
export function lateAnswersOf(emulator: Emulator, responseUrl: string | undefined): string[] {
  if (!responseUrl) return [];
  return emulator.workspace.responseLog.filter((entry) => entry.url === responseUrl).map((entry) => entry.text ?? '');
}

/** The late answer that settles a held command: saved, or nothing saved. */
export function finalAnswerOf(emulator: Emulator, responseUrl: string | undefined): string | undefined {
  return lateAnswersOf(emulator, responseUrl).find((text) => text.includes(savedLate) || text.includes(notSaved));
}

/** Each event on the timeline once; none acknowledged while PostgreSQL was down; each got its 200 in the end. */
export function checkEvents(events: EventRun[], outage: Outage, onTimeline: Map<string, number>): Checked {
  const problems: string[] = [];
  const lost = events.filter((run) => !onTimeline.has(run.ts)).map((run) => run.ts);
  const doubled = [...onTimeline].filter(([, n]) => n > 1).map(([ts]) => ts);
  const neverAcked = events.filter((run) => run.answeredAt === undefined).map((run) => run.ts);
  // Nothing can be stored while the server is down: a 200 answered then was given for an event not stored.
  const ackedWhileDown = events.filter((run) => run.answeredAt !== undefined && whileDown(outage, run.answeredAt));
  const inOutage = events.filter((run) => duringOutage(outage, run.sentAt));
  const acceptedAtOnce = inOutage.filter((run) => run.deliveries.length === 1 && run.deliveries[0]?.status === 200);
  const refused = inOutage.filter((run) => run.deliveries[0]?.status !== 200);
  if (lost.length > 0) problems.push(`${lost.length} events are not on the timeline: ${sample(lost)}`);
  if (doubled.length > 0)
    problems.push(`${doubled.length} events are on the timeline more than once: ${sample(doubled)}`);
  if (neverAcked.length > 0) problems.push(`${neverAcked.length} events never got a 200: ${sample(neverAcked)}`);
  if (ackedWhileDown.length > 0)
    problems.push(
      `${ackedWhileDown.length} events answered 200 while PostgreSQL was down (Slack would not retry them)`,
    );
  if (refused.length === 0) problems.push('no event was refused during the outage: the outage was not exercised');
  const firstAnswers = countBy(refused.map((run) => describe(run.deliveries[0])));
  const deliveries = events.map((run) => run.deliveries.length);
  const lastAck = Math.max(0, ...refused.map((run) => run.answeredAt ?? 0));
  return {
    figures: [
      ['events sent', events.length],
      ['  sent during the outage', inOutage.length],
      ['  refused first (why)', `${refused.length} (${formatCounts(firstAnswers)})`],
      ['  200 on first delivery', acceptedAtOnce.length],
      ['  most deliveries of one event', Math.max(0, ...deliveries)],
      ['  on the timeline', onTimeline.size],
      ['  lost / doubled', `${lost.length} / ${doubled.length}`],
      ['PostgreSQL back → last refused event got its 200 ms', refused.length ? Math.round(lastAck - outage.upAt) : '-'],
    ],
    problems,
  };
}

/** Every command answered in time; saved means on the timeline once, "nothing was saved" means not there. */
export async function checkCommands(
  commands: CommandRun[],
  outage: Outage,
  onTimeline: Map<string, number>,
  emulator: Emulator,
): Promise<Checked> {
  const problems: string[] = [];
  const outcomes = new Map<string, number>();
  const tally = (what: string) => outcomes.set(what, (outcomes.get(what) ?? 0) + 1);
  let notSavedWhileDown = 0;
  const inOutage = commands.filter((run) => duringOutage(outage, run.sentAt));
  for (const run of commands) {
    const stored = onTimeline.get(run.text) ?? 0;
    if (stored > 1) problems.push(`"${run.text}" is on the timeline ${stored} times`);
    if (run.status !== 200 || run.ms >= slackPatienceMs) {
      const detail = run.status === 0 && run.answer ? `: ${run.answer.slice(0, 120)}` : '';
      problems.push(`"${run.text}" got no answer within 3 s (status ${run.status}, ${Math.round(run.ms)} ms)${detail}`);
      tally('no answer in 3 s');
    } else if (savedAnswer.test(run.answer)) {
      if (stored !== 1) problems.push(`"${run.text}" was answered as saved but is not on the timeline`);
      // Answered in full at once: anything on its response_url comes from running it a second time.
      const late = lateAnswersOf(emulator, run.responseUrl);
      if (late.length > 0) problems.push(`"${run.text}" was answered as saved, then again: ${late[0]?.slice(0, 120)}`);
      tally('saved');
    } else if (run.answer.includes(notSaved)) {
      if (stored !== 0) problems.push(`"${run.text}" was answered "nothing was saved" but is on the timeline`);
      if (finalAnswerOf(emulator, run.responseUrl)?.includes(savedLate))
        problems.push(`"${run.text}" was answered "nothing was saved", then "saved"`);
      if (whileDown(outage, run.sentAt)) notSavedWhileDown++;
      tally('cannot reach its database');
    } else if (isHeld(run.answer)) {
      const final = finalAnswerOf(emulator, run.responseUrl);
      if (!final) problems.push(`"${run.text}" was told the outcome follows, and it never did`);
      else if (stored !== (final.includes(savedLate) ? 1 : 0))
        problems.push(`"${run.text}" was told "${final.slice(0, 60)}…" late, but is on the timeline ${stored} times`);
      tally(final?.includes(savedLate) ? 'held, then saved' : 'held, then not saved');
    } else {
      problems.push(`"${run.text}" got an answer that is neither saved nor not saved: ${run.answer.slice(0, 120)}`);
      tally('other answer');
    }
  }
  if (commands.some((run) => whileDown(outage, run.sentAt)) && notSavedWhileDown === 0)
    problems.push('no command sent while PostgreSQL was down was answered "cannot reach its database"');
  const outageMs = inOutage.map((run) => run.ms);
  return {
    figures: [
      ['notes sent', commands.length],
      ['  sent during the outage', inOutage.length],
      ['  answers', formatCounts(outcomes)],
      ['  slowest answer during the outage ms', Math.round(Math.max(0, ...outageMs))],
      ['  slowest answer overall ms', Math.round(Math.max(0, ...commands.map((run) => run.ms)))],
    ],
    problems,
  };
}

/** /readyz answered 503 (not 200, not nothing) whenever PostgreSQL was down. */
export function checkProbes(probes: ProbeRun[], outage: Outage): Checked {
  const problems: string[] = [];
  const down = probes.filter((run) => whileDown(outage, run.sentAt));
  const wrong = down.filter((run) => run.status !== 503);
  if (down.length === 0) problems.push('no /readyz probe ran while PostgreSQL was down');
  if (wrong.length > 0)
    problems.push(`${wrong.length} /readyz probes while down answered ${formatCounts(countBy(wrong.map(status)))}`);
  return {
    figures: [
      ['/readyz probes (while down)', `${probes.length} (${down.length})`],
      ['  answers while down', formatCounts(countBy(down.map(status)))],
      ['  slowest while down ms', Math.round(Math.max(0, ...down.map((run) => run.ms)))],
    ],
    problems,
  };
}

const status = (run: ProbeRun) => (run.status === 0 ? 'no answer' : String(run.status));
const describe = (outcome: EventRun['deliveries'][number] | undefined) =>
  outcome === undefined ? 'none' : outcome.status === undefined ? outcome.error : `HTTP ${outcome.status}`;
const sample = (items: string[]) => `${items.slice(0, 5).join(', ')}${items.length > 5 ? ', …' : ''}`;
const formatCounts = (counts: Map<string, number>) => [...counts].map(([key, n]) => `${key} ${n}`).join(', ') || '-';

export function countBy(items: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}
