import { completeAction } from '../../../actions/index.ts';
import { changeSubmitted } from './action-change-form.ts';

/** *Done* with its evidence (a note or a link, required). */
export const actionDoneSubmitted = changeSubmitted('done', (services, target, input) =>
  completeAction(services.deps, { ...target, evidence: input.evidence }),
);
