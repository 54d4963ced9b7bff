import type { App } from '@slack/bolt';
import { z } from 'zod';
import { actOnStep, startRunbook } from '../../../runbooks/index.ts';
import { ids } from '../../ids.ts';
import type { SlackServices } from '../../services.ts';
import { teamOf } from '../actions/action-errors.ts';

const m = ids.runbookModal;
const pickSchema = z.object({ [m.runbook]: z.object({ [m.runbook]: z.object({ selected_option: z.object({ value: z.string() }) }) }) });
const skipSchema = z.object({ [m.reason]: z.object({ [m.reason]: z.object({ value: z.string().nullish() }) }) });
const pickMetadata = z.object({ incidentId: z.number().int() });
const skipMetadata = z.object({ runId: z.number().int(), stepId: z.string() });

/** The runbook picker starts the chosen runbook; the skip form records the step as skipped with its reason. */
export function registerRunbookModals(app: App, services: SlackServices): void {
  app.view(ids.views.runbookPick, async ({ ack, body, view }) => {
    const name = pickSchema.parse(view.state.values)[m.runbook]?.[m.runbook]?.selected_option.value ?? '';
    const { incidentId } = pickMetadata.parse(JSON.parse(view.private_metadata || '{}'));
    await ack();
    await startRunbook(services.deps, { teamId: teamOf(body), incidentId, name, userId: body.user.id, startKey: `view:${view.id}` });
  });
  app.view(ids.views.runbookSkip, async ({ ack, body, view }) => {
    const reason = (skipSchema.parse(view.state.values)[m.reason]?.[m.reason]?.value ?? '').trim();
    if (!reason) {
      await ack({ response_action: 'errors', errors: { [m.reason]: 'Say why the step is skipped.' } });
      return;
    }
    const { runId, stepId } = skipMetadata.parse(JSON.parse(view.private_metadata || '{}'));
    await ack();
    await actOnStep(services.deps, { teamId: teamOf(body), runId, stepId, userId: body.user.id, action: { kind: 'skip', reason } });
  });
}
