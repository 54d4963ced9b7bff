import type { App } from '@slack/bolt';
import { isDomainError } from '../../../platform/errors.ts';
import { checkUpdate, postStakeholderUpdate, updateErrorField, updateFormContext } from '../../../updates/index.ts';
import { stakeholderUpdateMessage, stakeholderUpdateView } from '../../blocks/stakeholder-update.ts';
import { severityLabel } from '../../effects/effect-context.ts';
import { ids } from '../../ids.ts';
import { parseUpdateView } from '../../parse/update-view.ts';
import type { SlackServices } from '../../services.ts';
import { teamOf, withActionErrors } from '../actions/action-errors.ts';

const blockOfField = { status: ids.updateModal.status, impact: ids.updateModal.impact, actions: ids.updateModal.actions, nextUpdateMinutes: ids.updateModal.next } as const;

/** The update form: Preview redraws it with the message as stakeholders will read it; Submit posts it. */
export function registerUpdateModal(app: App, services: SlackServices): void {
  app.view(ids.views.stakeholderUpdate, async ({ ack, body, view }) => {
    const input = parseUpdateView(view);
    try {
      checkUpdate(input);
    } catch (error) {
      const field = isDomainError(error) ? updateErrorField[error.code] : undefined;
      if (isDomainError(error) && field && field in blockOfField) {
        await ack({ response_action: 'errors', errors: { [blockOfField[field as keyof typeof blockOfField]]: error.message } });
        return;
      }
      throw error;
    }
    await ack();
    await postStakeholderUpdate(services.deps, { ...input, teamId: teamOf(body), authorId: body.user.id });
  });

  app.action({ type: 'block_actions', action_id: ids.actions.updatePreview }, async ({ ack, body, client }) => {
    await ack();
    const view = (body as { view?: { id: string; hash: string; state: { values: unknown }; private_metadata?: string } }).view;
    if (!view) return;
    await withActionErrors(services, undefined, async () => {
      const input = parseUpdateView(view);
      const form = await updateFormContext(services.deps, { teamId: teamOf(body), incidentId: input.incidentId });
      const now = services.deps.clock.now();
      const minutes = input.nextUpdateMinutes ?? form.cadenceMinutes;
      const preview = stakeholderUpdateMessage(services.copy, {
        incident: form.incident,
        severityLabel: severityLabel(services.config, form.incident.severity),
        authorId: body.user.id,
        status: input.status || '…',
        impact: input.impact || '…',
        actions: input.actions || '…',
        eta: input.eta,
        confidence: input.confidence,
        nextUpdateAt: minutes ? new Date(now.getTime() + minutes * 60_000) : undefined,
      });
      await client.views.update({
        view_id: view.id,
        hash: view.hash,
        view: stakeholderUpdateView(services.copy, { incidentId: form.incident.id, ref: form.ref, cadenceMinutes: form.cadenceMinutes, preview: preview.blocks }),
      });
    });
  });
}
