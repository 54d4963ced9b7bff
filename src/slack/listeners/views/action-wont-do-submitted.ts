import { declineAction } from '../../../actions/index.ts';
import { changeSubmitted } from './action-change-form.ts';

/** *Won't do* with its reason (required). */
export const actionWontDoSubmitted = changeSubmitted('wont_do', (services, target, input) =>
  declineAction(services.deps, { ...target, reason: input.reason }),
);
