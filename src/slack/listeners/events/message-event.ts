import type { App } from '@slack/bolt';
import { captureDelete, captureEdit, captureMessage } from '../../../timeline/index.ts';
import { parseMessageEvent } from '../../parse/timeline-events.ts';
import type { SlackServices } from '../../services.ts';

/** Messages, edits and deletes in channels the bot is in: incident channels' ones land on the timeline. */
export function registerMessageEvent(app: App, services: SlackServices): void {
  app.event('message', async ({ event, body }) => {
    const teamId = (body as { team_id: string }).team_id;
    const input = parseMessageEvent(event);
    if (input.kind === 'message') {
      const { kind: _kind, ...message } = input;
      await captureMessage(services.deps, { teamId, ...message });
    } else if (input.kind === 'edit') {
      const { kind: _kind, ...edit } = input;
      await captureEdit(services.deps, { teamId, ...edit });
    } else if (input.kind === 'delete') {
      await captureDelete(services.deps, { teamId, channelId: input.channelId, ts: input.ts, eventTs: input.eventTs });
    }
  });
}
