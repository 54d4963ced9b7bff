import type { ClickHandler } from './action-support.ts';
import { actOnClickedStep } from './runbook-step.ts';

/** A checklist step's "Done" button: marks the step done. */
export const runbookStepDoneClicked: ClickHandler = (services, args) =>
  actOnClickedStep(services, args, () => ({ kind: 'done' }));
