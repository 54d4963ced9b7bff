import { z } from 'zod';
import { redactSecrets } from '../../../platform/secrets.ts';
import { updateFormContext } from '../../../updates/index.ts';
import { stakeholderUpdateMessage, stakeholderUpdateView } from '../../blocks/stakeholder-update.ts';
import { severityLabel } from '../../effects/effect-context.ts';
import { incidentForAction } from '../../incident-access.ts';
import { teamIdOf } from '../../parse/interaction-values.ts';
import { parseUpdateView } from '../../parse/update-view.ts';
import type { ClickHandler } from './action-support.ts';

const openForm = z.object({
  id: z.string(),
  hash: z.string(),
  state: z.object({ values: z.unknown() }),
  private_metadata: z.string().optional(),
});

/** The update form's "Preview" button: redraws the form with the message as stakeholders will read it. */
export const updatePreviewClicked: ClickHandler = async (services, { body, client }) => {
  const view = openForm.parse((body as { view?: unknown }).view);
  const input = parseUpdateView(view);
  const incident = await incidentForAction(services, client, teamIdOf(body), input.incidentId, body.user.id);
  const form = await updateFormContext(services.deps, { teamId: incident.teamId, incidentId: incident.id });
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
    nextUpdateAt: minutes ? new Date(services.deps.clock.now().getTime() + minutes * 60_000) : undefined,
  });
  await client.views.update({
    view_id: view.id,
    hash: view.hash,
    view: stakeholderUpdateView(services.copy, {
      incidentId: form.incident.id,
      ref: form.ref,
      cadenceMinutes: form.cadenceMinutes,
      preview: preview.blocks,
    }),
  });
};
