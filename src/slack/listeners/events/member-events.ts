import type { App } from '@slack/bolt';
import { captureMembership } from '../../../timeline/index.ts';
import { parseMemberEvent } from '../../parse/timeline-events.ts';
import type { SlackServices } from '../../services.ts';

/** Joins and leaves of incident channels are recorded as participation. */
export function registerMemberEvents(app: App, services: SlackServices): void {
  const record = async (body: unknown, event: unknown, joined: boolean, botUserId: string | undefined) => {
    const input = parseMemberEvent(event);
    if (!input || input.userId === botUserId) return;
    await captureMembership(services.deps, { teamId: (body as { team_id: string }).team_id, ...input, joined });
  };
  app.event('member_joined_channel', async ({ event, body, context }) => record(body, event, true, context.botUserId));
  app.event('member_left_channel', async ({ event, body, context }) => record(body, event, false, context.botUserId));
}
