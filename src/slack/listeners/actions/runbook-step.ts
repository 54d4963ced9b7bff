import { actOnStep, type StepAction } from '../../../runbooks/index.ts';
import { runForAction } from '../../incident-access.ts';
import { actionValueOf, teamIdOf } from '../../parse/interaction-values.ts';
import { parseStepValue } from '../../parse/update-view.ts';
import type { SlackServices } from '../../services.ts';
import type { ActionArgs } from './action-support.ts';

/** Acts on the checklist step the button names, once the clicker's access to the run's incident is checked. */
export async function actOnClickedStep(
  services: SlackServices,
  args: ActionArgs,
  action: (branch: number | undefined) => StepAction,
): Promise<void> {
  const { runId, stepId, branch } = parseStepValue(actionValueOf(args.action));
  const { run } = await runForAction(services, args.client, teamIdOf(args.body), runId, args.body.user.id);
  await actOnStep(services.deps, {
    teamId: run.teamId,
    runId: run.id,
    stepId,
    userId: args.body.user.id,
    action: action(branch),
  });
}
