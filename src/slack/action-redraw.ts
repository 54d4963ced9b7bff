import type { KnownBlock } from '@slack/types';
import { type Action, teamToday } from '../actions/index.ts';
import { incidentRef } from '../incidents/index.ts';
import { actionForUser } from './action-access.ts';
import { actionListPage } from './action-list-loader.ts';
import { actionDmMessage } from './blocks/action-dm.ts';
import { actionItemBlocks, replaceActionItem } from './blocks/action-item.ts';
import type { ActionChangeOrigin } from './blocks/action-modals.ts';
import { reminderPrefix } from './blocks/action-reminder.ts';
import type { SlackClient } from './client.ts';
import { parseActionPageValue } from './parse/action-page-value.ts';
import { postToResponseUrl } from './response-url.ts';
import type { SlackServices } from './services.ts';

/**
 * Shows a changed action in the message its button was in, where Slack allows it: a list page is
 * replaced through the click's response_url, the bot's DM about the action is edited in place. Never
 * throws: the change is made and confirmed; a message that cannot be redrawn is only out of date.
 */
export async function redrawChangedAction(
  services: SlackServices,
  client: SlackClient,
  origin: ActionChangeOrigin,
  viewerId: string,
  action: Action,
): Promise<void> {
  try {
    if (origin.list && origin.responseUrl) {
      const page = actionListPage(services, client, {
        teamId: action.teamId,
        viewerId,
        ...parseActionPageValue(origin.list),
      });
      await postToResponseUrl(origin.responseUrl, {
        response_type: 'ephemeral',
        replace_original: true,
        ...(await page),
      });
    } else if (origin.channelId && origin.ts && origin.reminder) {
      await redrawInReminder(services, client, { channelId: origin.channelId, ts: origin.ts }, viewerId, action);
    } else if (origin.channelId && origin.ts) {
      const { item, incident } = await itemFor(services, client, action, viewerId);
      const lead = services.copy.render('actions.dm_assigned_self', { incident: incidentRef(incident) });
      await client.chat.update({
        channel: origin.channelId,
        ts: origin.ts,
        ...actionDmMessage(services.copy, { lead, item }),
      });
    }
  } catch (error) {
    // The change is made and said in the form; a message that could not be redrawn is only out of date.
    services.logger.warn({ err: error }, 'cannot redraw the message an action was changed from');
  }
}

/** In the weekly reminder only this action's line changes (closed: no buttons); the rest stays as sent. */
async function redrawInReminder(
  services: SlackServices,
  client: SlackClient,
  message: { channelId: string; ts: string },
  viewerId: string,
  action: Action,
): Promise<void> {
  const history = await client.conversations.history({
    channel: message.channelId,
    latest: message.ts,
    inclusive: true,
    limit: 1,
  });
  const sent = history.messages?.find((m) => m.ts === message.ts);
  if (!sent?.blocks) return;
  const { item } = await itemFor(services, client, action, viewerId);
  const blocks = replaceActionItem(
    sent.blocks as KnownBlock[],
    action.number,
    reminderPrefix,
    actionItemBlocks(services.copy, item, reminderPrefix),
  );
  await client.chat.update({ channel: message.channelId, ts: message.ts, text: sent.text ?? '', blocks });
}

/** The changed action as lists show it, its incident checked as visible to the person redrawing it. */
async function itemFor(services: SlackServices, client: SlackClient, action: Action, viewerId: string) {
  const { incident } = await actionForUser(services, client, {
    teamId: action.teamId,
    number: action.number,
    userId: viewerId,
  });
  const item = {
    action,
    incidentRef: incidentRef(incident),
    today: teamToday(services.deps),
    trackerUrl: services.config.actions.tracker_url,
  };
  return { item, incident };
}
