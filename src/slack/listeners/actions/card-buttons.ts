import type { App } from '@slack/bolt';
import { runbookChoices } from '../../../runbooks/index.ts';
import { DomainError } from '../../../platform/errors.ts';
import { updateFormContext } from '../../../updates/index.ts';
import { runbookPickView } from '../../blocks/runbook-modals.ts';
import { stakeholderUpdateView } from '../../blocks/stakeholder-update.ts';
import { ids } from '../../ids.ts';
import type { SlackServices } from '../../services.ts';
import { teamOf, withActionErrors } from './action-errors.ts';

/** The card's "Post update" and "Runbook" buttons open their forms for the card's incident. */
export function registerCardButtons(app: App, services: SlackServices): void {
  app.action({ type: 'block_actions', action_id: ids.actions.cardUpdate }, async ({ ack, body, action, client, respond }) => {
    await ack();
    await withActionErrors(services, respond, async () => {
      const form = await updateFormContext(services.deps, { teamId: teamOf(body), incidentId: Number((action as { value?: string }).value) });
      await client.views.open({ trigger_id: body.trigger_id, view: stakeholderUpdateView(services.copy, { incidentId: form.incident.id, ref: form.ref, cadenceMinutes: form.cadenceMinutes }) });
    });
  });
  app.action({ type: 'block_actions', action_id: ids.actions.cardRunbook }, async ({ ack, body, action, client, respond }) => {
    await ack();
    await withActionErrors(services, respond, async () => {
      const choices = await runbookChoices(services.deps, { teamId: teamOf(body), incidentId: Number((action as { value?: string }).value) });
      if (choices.matching.length + choices.others.length === 0) throw new DomainError('runbook.none', services.copy.render('runbooks.none'));
      await client.views.open({ trigger_id: body.trigger_id, view: runbookPickView(services.copy, { incidentId: choices.incident.id, matching: choices.matching, others: choices.others }) });
    });
  });
}
