import { acceptFollowUp, createAction, trackerKeySchema } from '../../../actions/index.ts';
import { findFollowUp } from '../../../follow-ups/index.ts';
import { DomainError } from '../../../platform/errors.ts';
import { requireOwnerCanSee } from '../../action-access.ts';
import { createdText } from '../../action-replies.ts';
import { noticeModal } from '../../blocks/modal.ts';
import { ids } from '../../ids.ts';
import { incidentForAction, incidentNotVisible } from '../../incident-access.ts';
import { parseActionFormView } from '../../parse/action-views.ts';
import { teamIdOf } from '../../parse/interaction-values.ts';
import type { FieldOf, SubmitHandler } from './view-support.ts';

const m = ids.actionModal;
const fields: Record<string, string> = {
  'action.text_required': m.text,
  'action.text_too_long': m.text,
  'action.owner_required': m.owner,
  'action.owner_not_member': m.owner,
  'action.due_past': m.due,
  'action.tracker_invalid': m.tracker,
};
export const actionFormFields: FieldOf = (code) => fields[code];

/**
 * The new-action form submitted: access to the incident checked again, then the action is created (a
 * proposal accepted twice makes one action). The form is replaced by what was created.
 */
export const actionCreateSubmitted: SubmitHandler = async (services, { ack, body, view, client }) => {
  const input = parseActionFormView(view);
  const teamId = teamIdOf(body);
  const incident = await incidentForAction(services, client, teamId, input.incidentId, body.user.id);
  if (input.followUpId !== undefined) {
    // The proposal must be this incident's: metadata naming another incident's would reach around the check.
    const followUp = await findFollowUp(services.deps.db, { teamId, id: input.followUpId });
    if (!followUp || followUp.incidentId !== incident.id) throw incidentNotVisible(services);
  }
  if (input.ownerId) await requireOwnerCanSee(services, client, incident, input.ownerId);
  if (input.tracker !== undefined && !trackerKeySchema.safeParse(input.tracker).success)
    throw new DomainError(
      'action.tracker_invalid',
      services.copy.render('actions.tracker_invalid', { typed: input.tracker }),
    );
  const fields = {
    text: input.text,
    ...(input.type ? { type: input.type } : {}),
    ...(input.priority ? { priority: input.priority } : {}),
    ...(input.tracker ? { trackerKey: input.tracker } : {}),
  };
  const chosen = { ownerId: input.ownerId, ...(input.due ? { dueDate: input.due } : {}) };
  const result =
    input.followUpId === undefined
      ? await createAction(services.deps, {
          teamId,
          incidentId: incident.id,
          actorId: body.user.id,
          ...chosen,
          ...fields,
        })
      : await acceptFollowUp(services.deps, {
          teamId,
          actorId: body.user.id,
          followUpId: input.followUpId,
          ...chosen,
          edits: fields,
        });
  await ack({
    response_action: 'update',
    view: noticeModal(services.copy, {
      titleKey: 'actions.created_title',
      text: createdText(services, result, body.user.id),
    }),
  });
};
