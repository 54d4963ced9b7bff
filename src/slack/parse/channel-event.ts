import { type ChannelEvent, planDeleteCapture, planEditCapture, planMessageCapture } from '../../timeline/index.ts';
import { inboxKeyOf } from './inbox-key.ts';
import { parseMessageEvent } from './timeline-events.ts';

type Body = { type?: string; event?: { type?: string; channel?: unknown } } & Record<string, unknown>;

/**
 * A `message` event that can be stored in one step with its timeline entry: a person's message, an
 * edit, a delete, or a message not copied (a bot's, a join notice). Undefined for every other request,
 * and for a message with a secret in it, whose redaction notice goes through the ordinary listener.
 */
export function channelEventOf(body: Body): ChannelEvent | undefined {
  if (body.type !== 'event_callback' || body.event?.type !== 'message' || typeof body.event.channel !== 'string')
    return undefined;
  const key = inboxKeyOf(body);
  if (!key) return undefined;
  const { teamId, dedupeKey } = key;
  const input = parseMessageEvent(body.event);
  // The ordinary listener refuses it and logs why.
  if (input.kind === 'malformed') return undefined;
  const plan =
    input.kind === 'message'
      ? planMessageCapture({ teamId, ...withoutKind(input) })
      : input.kind === 'edit'
        ? planEditCapture({ teamId, ...withoutKind(input) })
        : input.kind === 'delete'
          ? planDeleteCapture({ teamId, channelId: input.channelId, ts: input.ts, eventTs: input.eventTs })
          : undefined;
  if (plan && plan.redactedKinds.length > 0) return undefined;
  return { teamId, dedupeKey, payload: body, channelId: body.event.channel, ...(plan ? { entry: plan.entry } : {}) };
}

function withoutKind<T extends { kind: string }>(input: T): Omit<T, 'kind'> {
  const { kind: _kind, ...rest } = input;
  return rest;
}
