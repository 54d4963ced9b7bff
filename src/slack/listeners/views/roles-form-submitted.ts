import { assignRoles } from '../../../incidents/index.ts';
import { ids } from '../../ids.ts';
import { parseRolesView } from '../../parse/lifecycle-views.ts';
import { lifecycleFormIncident, withoutAccess } from './lifecycle-form.ts';
import type { FieldOf, SubmitHandler } from './view-support.ts';

/** Refusals show under the commander's field. */
export const rolesFormFields: FieldOf = withoutAccess(
  (_code, services) => `${ids.lifecycleModal.rolePrefix}${services.config.commander_role}`,
);

/** The Assign roles form: roles are given before the ack, so a refusal keeps the form open to fix. */
export const rolesFormSubmitted: SubmitHandler = async (services, args) => {
  const { incident, actorId } = await lifecycleFormIncident(services, args);
  await assignRoles(services.deps, {
    teamId: incident.teamId,
    incidentId: incident.id,
    actorId,
    assignments: parseRolesView(args.view),
  });
};
