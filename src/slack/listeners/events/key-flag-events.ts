import type { App } from '@slack/bolt';
import { captureKeyFlag } from '../../../timeline/index.ts';
import { type KeyFlagInput, parsePinEvent, parsePushpinReaction } from '../../parse/timeline-events.ts';
import type { SlackServices } from '../../services.ts';

/** 📌 reactions and pins flag a message as key; removing them unflags it. */
export function registerKeyFlagEvents(app: App, services: SlackServices): void {
  const flag = async (teamId: string, input: KeyFlagInput | undefined, via: 'reaction' | 'pin', on: boolean, botUserId: string | undefined) => {
    // The bot pins its own incident card; that is not a key moment.
    if (!input || input.userId === botUserId) return;
    await captureKeyFlag(services.deps, { teamId, ...input, via, on });
  };
  const teamOf = (body: unknown) => (body as { team_id: string }).team_id;
  app.event('reaction_added', async ({ event, body, context }) => flag(teamOf(body), parsePushpinReaction(event), 'reaction', true, context.botUserId));
  app.event('reaction_removed', async ({ event, body, context }) => flag(teamOf(body), parsePushpinReaction(event), 'reaction', false, context.botUserId));
  app.event('pin_added', async ({ event, body, context }) => flag(teamOf(body), parsePinEvent(event), 'pin', true, context.botUserId));
  app.event('pin_removed', async ({ event, body, context }) => flag(teamOf(body), parsePinEvent(event), 'pin', false, context.botUserId));
}
