import type { App } from '@slack/bolt';
import { actOnStep, type StepAction, startRunbook } from '../../../runbooks/index.ts';
import { skipStepView } from '../../blocks/runbook-modals.ts';
import { ids } from '../../ids.ts';
import { incidentForAction, runForAction } from '../../incident-access.ts';
import { actionValueOf, recordIdOf, teamIdOf } from '../../parse/interaction-values.ts';
import { parseStepValue } from '../../parse/update-view.ts';
import type { SlackServices } from '../../services.ts';
import { type ActionArgs, onClick } from './action-support.ts';

/** Checklist and offer buttons: start a runbook, mark a step done, pick a branch, or ask why a step is skipped. */
export function registerRunbookButtons(app: App, services: SlackServices): void {
  const stepAction = (args: ActionArgs, action: (branch: number | undefined) => StepAction) => {
    const { runId, stepId, branch } = parseStepValue(actionValueOf(args.action));
    return runForAction(services, args.client, teamIdOf(args.body), runId, args.body.user.id).then(({ run }) =>
      actOnStep(services.deps, { teamId: run.teamId, runId: run.id, stepId, userId: args.body.user.id, action: action(branch) }),
    );
  };
  app.action(ids.actions.runbookStart, onClick(services, 'runbook start', async (args) => {
    const [incidentId, name = ''] = actionValueOf(args.action).split(':');
    const incident = await incidentForAction(services, args.client, teamIdOf(args.body), recordIdOf(incidentId), args.body.user.id);
    const messageTs = (args.body as { container?: { message_ts?: string } }).container?.message_ts ?? args.body.trigger_id;
    // One run per offer message and runbook, however often the Start button is clicked.
    const startKey = `offer:${messageTs}:${name}`;
    await startRunbook(services.deps, { teamId: incident.teamId, incidentId: incident.id, name, userId: args.body.user.id, startKey });
  }));
  app.action(ids.actions.runbookStepDone, onClick(services, 'runbook step done', async (args) => {
    await stepAction(args, () => ({ kind: 'done' }));
  }));
  app.action({ type: 'block_actions', action_id: new RegExp(`^${ids.actions.runbookBranch.replace('.', '\\.')}\\.\\d+$`) }, onClick(services, 'runbook branch', async (args) => {
    await stepAction(args, (branch) => ({ kind: 'branch', index: branch ?? -1 }));
  }));
  app.action(ids.actions.runbookStepSkip, onClick(services, 'runbook step skip', async (args) => {
    const { runId, stepId } = parseStepValue(actionValueOf(args.action));
    const { run } = await runForAction(services, args.client, teamIdOf(args.body), runId, args.body.user.id);
    const step = run.steps.find((s) => s.id === stepId);
    await args.client.views.open({ trigger_id: args.body.trigger_id, view: skipStepView(services.copy, { runId, stepId, stepTitle: step?.title ?? stepId }) });
  }));
}
