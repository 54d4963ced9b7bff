import { reassignAction } from '../../../actions/index.ts';
import { DomainError } from '../../../platform/errors.ts';
import { changeSubmitted } from './action-change-form.ts';

/** *Reassign* to the person picked (required): both owners are told. */
export const actionReassignSubmitted = changeSubmitted('reassigned', (services, target, input) => {
  if (!input.ownerId) throw new DomainError('action.same_owner', 'Pick the new owner.');
  return reassignAction(services.deps, { ...target, ownerId: input.ownerId });
});
