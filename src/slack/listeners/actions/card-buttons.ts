import type { App } from '@slack/bolt';
import { DomainError } from '../../../platform/errors.ts';
import { runbookChoices } from '../../../runbooks/index.ts';
import { updateFormContext } from '../../../updates/index.ts';
import { runbookPickView } from '../../blocks/runbook-modals.ts';
import { stakeholderUpdateView } from '../../blocks/stakeholder-update.ts';
import { ids } from '../../ids.ts';
import { incidentForAction } from '../../incident-access.ts';
import { actionValueOf, recordIdOf, teamIdOf } from '../../parse/interaction-values.ts';
import type { SlackServices } from '../../services.ts';
import { type ActionArgs, onClick } from './action-support.ts';

/** The card's "Post update" and "Runbook" buttons open their forms for the card's incident. */
export function registerCardButtons(app: App, services: SlackServices): void {
  const load = (args: ActionArgs) => incidentForAction(services, args.client, teamIdOf(args.body), recordIdOf(actionValueOf(args.action)), args.body.user.id);
  app.action(ids.actions.cardUpdate, onClick(services, 'card update', async (args) => {
    const incident = await load(args);
    const form = await updateFormContext(services.deps, { teamId: incident.teamId, incidentId: incident.id });
    await args.client.views.open({ trigger_id: args.body.trigger_id, view: stakeholderUpdateView(services.copy, { incidentId: form.incident.id, ref: form.ref, cadenceMinutes: form.cadenceMinutes }) });
  }));
  app.action(ids.actions.cardRunbook, onClick(services, 'card runbook', async (args) => {
    const incident = await load(args);
    const choices = await runbookChoices(services.deps, { teamId: incident.teamId, incidentId: incident.id });
    if (choices.matching.length + choices.others.length === 0) throw new DomainError('runbook.none', services.copy.render('runbooks.none'), 'mrkdwn');
    await args.client.views.open({ trigger_id: args.body.trigger_id, view: runbookPickView(services.copy, { incidentId: choices.incident.id, matching: choices.matching, others: choices.others }) });
  }));
}
