import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { ReceiverEvent } from '@slack/bolt';
import type { Metrics } from '../platform/metrics.ts';

/** The fixed outcomes a Slack request is counted under (never a user, team or channel id: cardinality stays bounded). */
export type SlackRequestOutcome =
  | 'acked'
  | 'duplicate'
  | 'not_stored'
  | 'rejected_signature'
  | 'rejected_body'
  | 'failed';

/** What the inbox learns about a request that its HTTP status does not say. */
export type RequestTally = { kind: string; outcome?: SlackRequestOutcome };

const tallyKey = 'firebreakRequestTally';

type Body = Record<string, unknown> & { type?: unknown; command?: unknown; ssl_check?: unknown; event?: unknown };

const eventTypePattern = /^[a-z_]{1,40}$/;

/** The kind a request is counted under: command, block_actions, view_submission, event:<type>, …, or other. */
export function requestKindOf(body: unknown): string {
  if (typeof body !== 'object' || body === null) return 'other';
  const fields = body as Body;
  if (fields.ssl_check !== undefined) return 'ssl_check';
  if (typeof fields.command === 'string') return 'command';
  if (fields.type === 'event_callback') {
    const type = (fields.event as { type?: unknown } | undefined)?.type;
    return typeof type === 'string' && eventTypePattern.test(type) ? `event:${type}` : 'event:other';
  }
  const known = ['url_verification', 'block_actions', 'view_submission', 'view_closed', 'shortcut', 'message_action'];
  return typeof fields.type === 'string' && known.includes(fields.type) ? fields.type : 'other';
}

/**
 * Counts one request to the events endpoint once its response is over, under its kind and outcome, and
 * times its acknowledgement (received → response sent); the tally rides on `req` for Bolt to hand the inbox.
 */
export function countSlackRequest(req: IncomingMessage, res: ServerResponse, metrics: Metrics): RequestTally {
  const started = performance.now();
  const tally: RequestTally = { kind: 'unknown' };
  (req as IncomingMessage & { [tallyKey]?: RequestTally })[tallyKey] = tally;
  let ackSeconds: number | undefined;
  res.once('finish', () => {
    ackSeconds = (performance.now() - started) / 1000;
  });
  res.once('close', () => {
    const outcome = tally.outcome ?? outcomeOfStatus(ackSeconds === undefined ? undefined : res.statusCode);
    metrics.slackRequests.inc({ kind: tally.kind, outcome });
    if (ackSeconds !== undefined && outcome !== 'failed' && !outcome.startsWith('rejected'))
      metrics.slackAckSeconds.observe({ kind: tally.kind }, ackSeconds);
  });
  return tally;
}

function outcomeOfStatus(status: number | undefined): SlackRequestOutcome {
  if (status === undefined || status >= 500) return 'failed';
  if (status === 401) return 'rejected_signature';
  if (status >= 400) return 'rejected_body';
  return 'acked';
}

/** For Bolt's customPropertiesExtractor: hands the request's tally to the inbox through the event. */
export function tallyProperties(req: IncomingMessage): Record<string, unknown> {
  const tally = (req as IncomingMessage & { [tallyKey]?: RequestTally })[tallyKey];
  return tally ? { [tallyKey]: tally } : {};
}

/** Records what the inbox decided about a request (dropped as a duplicate, not stored); no-op without a tally. */
export function noteRequestOutcome(event: ReceiverEvent, outcome: SlackRequestOutcome): void {
  const tally = event.customProperties?.[tallyKey] as RequestTally | undefined;
  if (tally) tally.outcome = outcome;
}

/**
 * Counts one request that came over the Socket Mode connection the way countSlackRequest counts an HTTP
 * one: under its kind and outcome once `handle` is done with it, its acknowledgement timed from arrival
 * to ack(); the tally rides on the event for the inbox to note a duplicate or a request not stored.
 */
export async function countSocketRequest(
  event: ReceiverEvent,
  metrics: Metrics,
  handle: (event: ReceiverEvent) => Promise<void>,
): Promise<void> {
  const started = performance.now();
  const tally: RequestTally = { kind: requestKindOf(event.body) };
  let ackSeconds: number | undefined;
  const counted: ReceiverEvent = {
    ...event,
    customProperties: { ...event.customProperties, [tallyKey]: tally },
    ack: async (response) => {
      await event.ack(response);
      ackSeconds ??= (performance.now() - started) / 1000;
    },
  };
  try {
    await handle(counted);
  } finally {
    // As over HTTP: a request acknowledged is acked, whatever its listener did afterwards.
    const outcome = tally.outcome ?? (ackSeconds === undefined ? 'failed' : 'acked');
    metrics.slackRequests.inc({ kind: tally.kind, outcome });
    if (ackSeconds !== undefined && outcome !== 'failed')
      metrics.slackAckSeconds.observe({ kind: tally.kind }, ackSeconds);
  }
}
