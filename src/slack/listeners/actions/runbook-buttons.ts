import type { App } from '@slack/bolt';
import { actOnStep, findRun, startRunbook } from '../../../runbooks/index.ts';
import { skipStepView } from '../../blocks/runbook-modals.ts';
import { ids } from '../../ids.ts';
import { parseStepValue } from '../../parse/update-view.ts';
import type { SlackServices } from '../../services.ts';
import { teamOf, withActionErrors } from './action-errors.ts';

const buttonValue = (action: unknown) => String((action as { value?: string }).value ?? '');

/** Checklist and offer buttons: start a runbook, mark a step done, pick a branch, or ask why a step is skipped. */
export function registerRunbookButtons(app: App, services: SlackServices): void {
  app.action({ type: 'block_actions', action_id: ids.actions.runbookStart }, async ({ ack, body, action, respond }) => {
    await ack();
    await withActionErrors(services, respond, async () => {
      const messageTs = (body as { container?: { message_ts?: string } }).container?.message_ts ?? body.trigger_id;
      const [incidentId, name = ''] = buttonValue(action).split(':');
      // One run per offer message and runbook, however often the Start button is clicked.
      const startKey = `offer:${messageTs}:${name}`;
      await startRunbook(services.deps, { teamId: teamOf(body), incidentId: Number(incidentId), name, userId: body.user.id, startKey });
    });
  });
  app.action({ type: 'block_actions', action_id: ids.actions.runbookStepDone }, async ({ ack, body, action, respond }) => {
    await ack();
    const { runId, stepId } = parseStepValue(buttonValue(action));
    await withActionErrors(services, respond, () => actOnStep(services.deps, { teamId: teamOf(body), runId, stepId, userId: body.user.id, action: { kind: 'done' } }).then(() => {}));
  });
  app.action({ type: 'block_actions', action_id: new RegExp(`^${ids.actions.runbookBranch.replace('.', '\\.')}\\.\\d+$`) }, async ({ ack, body, action, respond }) => {
    await ack();
    const { runId, stepId, branch } = parseStepValue(buttonValue(action));
    await withActionErrors(services, respond, () => actOnStep(services.deps, { teamId: teamOf(body), runId, stepId, userId: body.user.id, action: { kind: 'branch', index: branch ?? -1 } }).then(() => {}));
  });
  app.action({ type: 'block_actions', action_id: ids.actions.runbookStepSkip }, async ({ ack, body, action, client, respond }) => {
    await ack();
    const { runId, stepId } = parseStepValue(buttonValue(action));
    await withActionErrors(services, respond, async () => {
      const run = await findRun(services.deps.db, { teamId: teamOf(body), runId });
      const step = run?.steps.find((s) => s.id === stepId);
      await client.views.open({ trigger_id: body.trigger_id, view: skipStepView(services.copy, { runId, stepId, stepTitle: step?.title ?? stepId }) });
    });
  });
}
