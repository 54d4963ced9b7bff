import { reassignAction } from '../../../actions/index.ts';
import { DomainError } from '../../../platform/errors.ts';
import { requireOwnerCanSee } from '../../action-access.ts';
import { changeSubmitted } from './action-change-form.ts';

/** *Reassign* to the person picked (required): both owners are told. */
export const actionReassignSubmitted = changeSubmitted('reassigned', async (services, target, input, context) => {
  if (!input.ownerId) throw new DomainError('action.same_owner', services.copy.render('actions.pick_new_owner'));
  await requireOwnerCanSee(services, context.client, context.incident, input.ownerId);
  return reassignAction(services.deps, { ...target, ownerId: input.ownerId });
});
