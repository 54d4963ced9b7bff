import type { Action, ActionTarget } from '../../../actions/index.ts';
import { teamToday } from '../../../actions/index.ts';
import { incidentRef } from '../../../incidents/index.ts';
import { actionForUser } from '../../action-access.ts';
import { actionListPage } from '../../action-list-loader.ts';
import { type ChangeKind, changedText } from '../../action-replies.ts';
import { actionDmMessage } from '../../blocks/action-dm.ts';
import type { ActionChangeOrigin } from '../../blocks/action-modals.ts';
import { noticeModal } from '../../blocks/modal.ts';
import type { SlackClient } from '../../client.ts';
import { ids } from '../../ids.ts';
import { parseActionPageValue } from '../../parse/action-page-value.ts';
import { parseActionChangeView } from '../../parse/action-views.ts';
import { teamIdOf } from '../../parse/interaction-values.ts';
import { postToResponseUrl } from '../../response-url.ts';
import type { SlackServices } from '../../services.ts';
import type { FieldOf, SubmitHandler } from './view-support.ts';

const m = ids.actionModal;
type ChangeInput = ReturnType<typeof parseActionChangeView>;
type Outcome = { action: Action; changed: boolean };

/** Where a refusal of a Done, Snooze, Reassign or Won't do form shows: under the field it is about. */
export const actionChangeFields: FieldOf = (code) => {
  if (code.startsWith('action.evidence')) return m.evidence;
  if (code.startsWith('action.reason')) return m.reason;
  if (code === 'action.snooze_not_later' || code === 'action.due_past') return m.due;
  if (code === 'action.same_owner') return m.owner;
  return undefined;
};

/**
 * A Done, Snooze, Reassign or Won't do form: access checked again, the change made once (an action
 * already closed records nothing, and the form says who closed it), then the message the button was in
 * redrawn where Slack allows it: a list page through its response_url, a direct message in place.
 */
export function changeSubmitted(
  kind: ChangeKind,
  change: (services: SlackServices, target: ActionTarget, input: ChangeInput) => Promise<Outcome>,
): SubmitHandler {
  return async (services, { ack, body, view, client }) => {
    const input = parseActionChangeView(view);
    const teamId = teamIdOf(body);
    const number = input.origin.number;
    await actionForUser(services, client, { teamId, number, userId: body.user.id });
    const outcome = await change(services, { teamId, number, actorId: body.user.id }, input);
    await ack({
      response_action: 'update',
      view: noticeModal(services.copy, {
        titleKey: `actions.${kind === 'snoozed' ? 'snooze' : kind === 'reassigned' ? 'reassign' : kind}_title`,
        text: changedText(services, kind, outcome),
      }),
    });
    if (outcome.changed) await redraw(services, client, input.origin, body.user.id, outcome.action);
  };
}

async function redraw(
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
    } else if (origin.channelId && origin.ts) {
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
