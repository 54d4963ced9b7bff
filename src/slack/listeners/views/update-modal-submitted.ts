import { checkUpdate, postStakeholderUpdate, updateErrorField } from '../../../updates/index.ts';
import { ids } from '../../ids.ts';
import { incidentForAction } from '../../incident-access.ts';
import { teamIdOf } from '../../parse/interaction-values.ts';
import { parseUpdateView } from '../../parse/update-view.ts';
import type { FieldOf, SubmitHandler } from './view-support.ts';

const blockOfField: Record<string, string> = {
  status: ids.updateModal.status,
  impact: ids.updateModal.impact,
  actions: ids.updateModal.actions,
  nextUpdateMinutes: ids.updateModal.next,
};

/** Each update refusal shows under the field it concerns. */
export const updateFormFields: FieldOf = (code) => blockOfField[updateErrorField[code] ?? ''];

/** The stakeholder update form: checked, then posted (the Preview button is actions/update-preview-clicked.ts). */
export const updateModalSubmitted: SubmitHandler = async (services, { ack, body, view, client }) => {
  const input = parseUpdateView(view);
  checkUpdate(input);
  // Checked at submission too: the person may have left the private channel since the form opened.
  const incident = await incidentForAction(services, client, teamIdOf(body), input.incidentId, body.user.id);
  await ack();
  await postStakeholderUpdate(services.deps, {
    ...input,
    incidentId: incident.id,
    teamId: incident.teamId,
    authorId: body.user.id,
  });
};
