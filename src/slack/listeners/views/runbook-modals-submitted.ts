import type { App } from '@slack/bolt';
import { z } from 'zod';
import { actOnStep, startRunbook } from '../../../runbooks/index.ts';
import { ids } from '../../ids.ts';
import { incidentForAction, runForAction } from '../../incident-access.ts';
import { metadataOf, recordIdSchema, teamIdOf } from '../../parse/interaction-values.ts';
import type { SlackServices } from '../../services.ts';
import { noField, onSubmit } from './view-support.ts';

const m = ids.runbookModal;
const pickSchema = z.object({ [m.runbook]: z.object({ [m.runbook]: z.object({ selected_option: z.object({ value: z.string() }) }) }) });
const skipSchema = z.object({ [m.reason]: z.object({ [m.reason]: z.object({ value: z.string().nullish() }) }) });
const pickMetadata = z.object({ incidentId: recordIdSchema });
const skipMetadata = z.object({ runId: recordIdSchema, stepId: z.string() });

/** The runbook picker starts the chosen runbook; the skip form records the step as skipped with its reason. */
export function registerRunbookModals(app: App, services: SlackServices): void {
  app.view(ids.views.runbookPick, onSubmit(services, 'runbook pick form', noField, async ({ ack, body, view, client }) => {
    const name = pickSchema.parse(view.state.values)[m.runbook]?.[m.runbook]?.selected_option.value ?? '';
    const { incidentId } = metadataOf(view.private_metadata, pickMetadata);
    const incident = await incidentForAction(services, client, teamIdOf(body), incidentId, body.user.id);
    await ack();
    await startRunbook(services.deps, { teamId: incident.teamId, incidentId: incident.id, name, userId: body.user.id, startKey: `view:${view.id}` });
  }));
  app.view(ids.views.runbookSkip, onSubmit(services, 'runbook skip form', noField, async ({ ack, body, view, client }) => {
    const reason = (skipSchema.parse(view.state.values)[m.reason]?.[m.reason]?.value ?? '').trim();
    if (!reason) return ack({ response_action: 'errors', errors: { [m.reason]: 'Say why the step is skipped.' } });
    const { runId, stepId } = metadataOf(view.private_metadata, skipMetadata);
    const { run } = await runForAction(services, client, teamIdOf(body), runId, body.user.id);
    await ack();
    await actOnStep(services.deps, { teamId: run.teamId, runId: run.id, stepId, userId: body.user.id, action: { kind: 'skip', reason } });
  }));
}
