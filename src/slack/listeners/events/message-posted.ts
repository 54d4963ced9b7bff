import { captureDelete, captureEdit, captureMessage } from '../../../timeline/index.ts';
import { teamIdOf } from '../../parse/interaction-values.ts';
import { parseMessageEvent } from '../../parse/timeline-events.ts';
import type { EventHandler } from './event-support.ts';

/** Messages, edits and deletes in channels the bot is in: incident channels' ones land on the timeline. */
export const messagePosted: EventHandler<'message'> = async (services, { event, body }) => {
  const teamId = teamIdOf(body);
  const input = parseMessageEvent(event);
  if (input.kind === 'malformed') throw input.error;
  if (input.kind === 'message') {
    const { kind: _kind, ...message } = input;
    await captureMessage(services.deps, { teamId, ...message });
  } else if (input.kind === 'edit') {
    const { kind: _kind, ...edit } = input;
    await captureEdit(services.deps, { teamId, ...edit });
  } else if (input.kind === 'delete') {
    await captureDelete(services.deps, { teamId, channelId: input.channelId, ts: input.ts, eventTs: input.eventTs });
  }
};
