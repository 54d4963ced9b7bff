import type { App } from '@slack/bolt';
import { z } from 'zod';
import { redactSecrets } from '../../../platform/secrets.ts';
import { checkUpdate, postStakeholderUpdate, updateErrorField, updateFormContext } from '../../../updates/index.ts';
import { stakeholderUpdateMessage, stakeholderUpdateView } from '../../blocks/stakeholder-update.ts';
import { severityLabel } from '../../effects/effect-context.ts';
import { ids } from '../../ids.ts';
import { incidentForAction } from '../../incident-access.ts';
import { teamIdOf } from '../../parse/interaction-values.ts';
import { parseUpdateView } from '../../parse/update-view.ts';
import type { SlackServices } from '../../services.ts';
import { onClick } from '../actions/action-support.ts';
import { onSubmit } from './view-support.ts';

const blockOfField: Record<string, string> = { status: ids.updateModal.status, impact: ids.updateModal.impact, actions: ids.updateModal.actions, nextUpdateMinutes: ids.updateModal.next };
const updateField = (code: string) => blockOfField[updateErrorField[code] ?? ''];
const openModal = z.object({ id: z.string(), hash: z.string(), state: z.object({ values: z.unknown() }), private_metadata: z.string().optional() });

/** The update form: Preview redraws it with the message as stakeholders will read it; Submit posts it. */
export function registerUpdateModal(app: App, services: SlackServices): void {
  app.view(ids.views.stakeholderUpdate, onSubmit(services, 'update form', updateField, async ({ ack, body, view, client }) => {
    const input = parseUpdateView(view);
    checkUpdate(input);
    // Checked at submission too: the person may have left the private channel since the form opened.
    const incident = await incidentForAction(services, client, teamIdOf(body), input.incidentId, body.user.id);
    await ack();
    await postStakeholderUpdate(services.deps, { ...input, incidentId: incident.id, teamId: incident.teamId, authorId: body.user.id });
  }));

  app.action(ids.actions.updatePreview, onClick(services, 'update preview', async ({ body, client }) => {
    const view = openModal.parse((body as { view?: unknown }).view);
    const input = parseUpdateView(view);
    const incident = await incidentForAction(services, client, teamIdOf(body), input.incidentId, body.user.id);
    const form = await updateFormContext(services.deps, { teamId: incident.teamId, incidentId: incident.id });
    const now = services.deps.clock.now();
    const minutes = input.nextUpdateMinutes ?? form.cadenceMinutes;
    // The preview promises exactly what stakeholders will read, and the update is posted with secrets taken out.
    const shown = (text: string) => redactSecrets(text).text;
    const preview = stakeholderUpdateMessage(services.copy, {
      incident: form.incident,
      severityLabel: severityLabel(services.config, form.incident.severity),
      authorId: body.user.id,
      status: shown(input.status) || '…',
      impact: shown(input.impact) || '…',
      actions: shown(input.actions) || '…',
      eta: shown(input.eta),
      confidence: input.confidence,
      nextUpdateAt: minutes ? new Date(now.getTime() + minutes * 60_000) : undefined,
    });
    await client.views.update({
      view_id: view.id,
      hash: view.hash,
      view: stakeholderUpdateView(services.copy, { incidentId: form.incident.id, ref: form.ref, cadenceMinutes: form.cadenceMinutes, preview: preview.blocks }),
    });
  }));
}
