import type { WebClient } from '@slack/web-api';
import type { Action, ActionTarget } from '../../../actions/index.ts';
import type { Incident } from '../../../incidents/index.ts';
import { actionForUser } from '../../action-access.ts';
import { redrawChangedAction } from '../../action-redraw.ts';
import { type ChangeKind, changedText } from '../../action-replies.ts';
import { noticeModal } from '../../blocks/modal.ts';
import { ids } from '../../ids.ts';
import { parseActionChangeView } from '../../parse/action-views.ts';
import { teamIdOf } from '../../parse/interaction-values.ts';
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
  if (code === 'action.same_owner' || code === 'action.owner_not_member') return m.owner;
  return undefined;
};

/**
 * A Done, Snooze, Reassign or Won't do form: access checked again, the change made once (an action
 * already closed records nothing, and the form says who closed it), then the message the button was in
 * redrawn where Slack allows it: a list page through its response_url, a direct message in place.
 */
export function changeSubmitted(
  kind: ChangeKind,
  change: (
    services: SlackServices,
    target: ActionTarget,
    input: ChangeInput,
    context: { incident: Incident; client: WebClient },
  ) => Promise<Outcome>,
): SubmitHandler {
  return async (services, { ack, body, view, client }) => {
    const input = parseActionChangeView(view);
    const teamId = teamIdOf(body);
    const number = input.origin.number;
    const { incident } = await actionForUser(services, client, { teamId, number, userId: body.user.id });
    const outcome = await change(services, { teamId, number, actorId: body.user.id }, input, { incident, client });
    await ack({
      response_action: 'update',
      view: noticeModal(services.copy, {
        titleKey: `actions.${kind === 'snoozed' ? 'snooze' : kind === 'reassigned' ? 'reassign' : kind}_title`,
        text: changedText(services, kind, outcome),
      }),
    });
    if (outcome.changed) await redrawChangedAction(services, client, input.origin, body.user.id, outcome.action);
  };
}
