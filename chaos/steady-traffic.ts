import { performance } from 'node:perf_hooks';
import type { Emulator } from '@firebreak/slack-emulator';
import { type SigningOptions, signedMessageEvent } from '../bench/slack-requests.ts';
import { type DeliveryOutcome, deliver, retryHeaders } from './delivery.ts';

/** One message event and every delivery Slack made of it, with when (performance.now()) each was sent. */
export type EventRun = { ts: string; sentAt: number; deliveries: DeliveryOutcome[]; answeredAt?: number };
/** One slash command: its answer within Slack's 3 s (status 0: none in time) and the response_url it came with. */
export type CommandRun = {
  text: string;
  sentAt: number;
  status: number;
  ms: number;
  answer: string;
  responseUrl: string | undefined;
};
/** One GET /readyz (status 0: no answer within {@link probeTimeoutMs}). */
export type ProbeRun = { sentAt: number; status: number; ms: number };

export type Traffic = { events: EventRun[]; commands: CommandRun[]; probes: ProbeRun[] };

export type TrafficTarget = {
  emulator: Emulator;
  signing: SigningOptions;
  /** http://127.0.0.1:<port> of the Firebreak process. */
  baseUrl: string;
  channelId: string;
  userId: string;
  /** Prefix of message texts and notes, so the checks find this run's rows. */
  label: string;
  tsBase: number;
};

const tickMs = 100;
/** A load balancer's probe gives up after this long; no answer by then counts as a hung probe. */
export const probeTimeoutMs = 5000;
/**
 * Slack retries an unacknowledged event after about 0 s, 1 min and 5 min: an outage of seconds is covered
 * by those. Compressed here: every second until a 200, numbered 1, 2, 3, 3, …, for at most {@link retryForMs}.
 */
const retryEveryMs = 1000;
const retryForMs = 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Steady traffic until `stop()`: a message event every 100 ms (redelivered as Slack does until it gets a 200),
 * an `/incident note` every 400 ms and a /readyz probe every 300 ms. `finished` resolves with every record
 * once the traffic stopped and every redelivery ended.
 */
export function startSteadyTraffic(target: TrafficTarget): { stop(): void; finished: Promise<Traffic> } {
  const traffic: Traffic = { events: [], commands: [], probes: [] };
  const pending: Array<Promise<unknown>> = [];
  let running = true;
  const loop = (async () => {
    for (let tick = 0; running; tick++) {
      pending.push(sendEvent(target, tick).then((run) => traffic.events.push(run)));
      if (tick % 4 === 0) pending.push(sendNote(target, tick / 4).then((run) => traffic.commands.push(run)));
      if (tick % 3 === 0) pending.push(probe(target.baseUrl).then((run) => traffic.probes.push(run)));
      await sleep(tickMs);
    }
  })();
  const byStart = <T extends { sentAt: number }>(runs: T[]) => runs.sort((a, b) => a.sentAt - b.sentAt);
  const finished = loop
    .then(() => Promise.all(pending))
    .then(() => ({
      events: byStart(traffic.events),
      commands: byStart(traffic.commands),
      probes: byStart(traffic.probes),
    }));
  return { stop: () => void (running = false), finished };
}

/** The ts of the i-th message, "<tsBase>.000001", … */
export const messageTs = (tsBase: number, i: number) => `${tsBase}.${String(i + 1).padStart(6, '0')}`;
/** The text of the i-th note, as it lands on the timeline. */
export const noteText = (label: string, i: number) => `${label} note ${i + 1}`;

async function sendEvent(target: TrafficTarget, i: number): Promise<EventRun> {
  const ts = messageTs(target.tsBase, i);
  const request = () =>
    signedMessageEvent(target.signing, {
      eventId: `Ev${target.tsBase}R${String(i + 1).padStart(6, '0')}`,
      channelId: target.channelId,
      ts,
      text: `${target.label} message ${i + 1}`,
    });
  const run: EventRun = { ts, sentAt: performance.now(), deliveries: [] };
  const endpoint = `${target.baseUrl}/slack/events`;
  for (let attempt = 0; performance.now() - run.sentAt < retryForMs; attempt++) {
    const last = run.deliveries.at(-1);
    const reason = last?.status === undefined ? 'http_timeout' : 'http_error';
    // Re-signed on each delivery, as Slack signs each with the time it was sent.
    const outcome = await deliver(endpoint, request(), attempt === 0 ? {} : retryHeaders(Math.min(attempt, 3), reason));
    run.deliveries.push(outcome);
    if (outcome.status === 200) {
      run.answeredAt = performance.now();
      break;
    }
    await sleep(retryEveryMs);
  }
  return run;
}

async function sendNote(target: TrafficTarget, i: number): Promise<CommandRun> {
  const text = noteText(target.label, i);
  const sentAt = performance.now();
  try {
    const answer = await target.emulator.slashCommand({
      userId: target.userId,
      channelId: target.channelId,
      text: `note ${text}`,
    });
    return {
      text,
      sentAt,
      status: answer.status,
      ms: answer.ms,
      answer: String(answer.json?.text ?? answer.body),
      responseUrl: answer.responseUrl,
    };
  } catch (error) {
    // Refused or reset: Slack shows the person an error, as for no answer in time.
    return { text, sentAt, status: 0, ms: performance.now() - sentAt, answer: String(error), responseUrl: undefined };
  }
}

async function probe(baseUrl: string): Promise<ProbeRun> {
  const sentAt = performance.now();
  try {
    const response = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(probeTimeoutMs) });
    await response.text();
    return { sentAt, status: response.status, ms: performance.now() - sentAt };
  } catch {
    return { sentAt, status: 0, ms: performance.now() - sentAt };
  }
}
