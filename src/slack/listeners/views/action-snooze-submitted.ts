import { snoozeAction } from '../../../actions/index.ts';
import { DomainError } from '../../../platform/errors.ts';
import { changeSubmitted } from './action-change-form.ts';

/** *Snooze* to a later date, with a reason (both required). */
export const actionSnoozeSubmitted = changeSubmitted('snoozed', (services, target, input) => {
  if (!input.due) throw new DomainError('action.snooze_not_later', 'Pick the new due date.');
  return snoozeAction(services.deps, { ...target, until: input.due, reason: input.reason });
});
