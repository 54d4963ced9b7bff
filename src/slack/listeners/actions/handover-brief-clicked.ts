import { z } from 'zod';
import { requireActive, requireRole, roleHolderOf } from '../../../incidents/index.ts';
import { DomainError } from '../../../platform/errors.ts';
import { handoverModalView } from '../../blocks/lifecycle-modals.ts';
import { incidentForAction } from '../../incident-access.ts';
import { actionValueOf, metadataOf, recordIdSchema, teamIdOf } from '../../parse/interaction-values.ts';
import { type ClickHandler, openModal } from './action-support.ts';

const valueSchema = z.object({ incidentId: recordIdSchema, role: z.string(), to: z.string() });

/** The outgoing holder clicked "Write handover brief": the brief form opens (for the holder only). */
export const handoverBriefClicked: ClickHandler = async (services, args) => {
  const value = metadataOf(actionValueOf(args.action), valueSchema);
  const incident = await incidentForAction(
    services,
    args.client,
    teamIdOf(args.body),
    value.incidentId,
    args.body.user.id,
  );
  requireActive(incident);
  const role = requireRole(services.config, value.role);
  const holder = await roleHolderOf(services.deps, { teamId: incident.teamId, incidentId: incident.id, role: role.id });
  if (holder !== args.body.user.id)
    throw new DomainError(
      'role.not_holder',
      services.copy.render('roles.not_the_holder', { holder: holder ?? 'nobody', role: role.name }),
      'mrkdwn',
    );
  await openModal(
    args,
    handoverModalView(services.copy, incident, { role: role.id, roleName: role.name, toUserId: value.to }),
  );
};
