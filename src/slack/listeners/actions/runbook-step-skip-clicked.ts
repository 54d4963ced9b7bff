import { skipStepView } from '../../blocks/runbook-modals.ts';
import { runForAction } from '../../incident-access.ts';
import { actionValueOf, teamIdOf } from '../../parse/interaction-values.ts';
import { parseStepValue } from '../../parse/update-view.ts';
import { type ClickHandler, openModal } from './action-support.ts';

/** A checklist step's "Skip" button: opens the form asking why the step is skipped. */
export const runbookStepSkipClicked: ClickHandler = async (services, args) => {
  const { runId, stepId } = parseStepValue(actionValueOf(args.action));
  const { run } = await runForAction(services, args.client, teamIdOf(args.body), runId, args.body.user.id);
  const step = run.steps.find((s) => s.id === stepId);
  await openModal(args, skipStepView(services.copy, { runId, stepId, stepTitle: step?.title ?? stepId }));
};
