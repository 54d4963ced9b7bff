import { changeStatus, parseStatus } from '../../../incidents/index.ts';
import { actionValueOf } from '../../parse/interaction-values.ts';
import type { ClickHandler } from './action-support.ts';
import { cardIncident } from './card-incident.ts';
import { openResolveForm } from './card-resolve-clicked.ts';

/** The card's status select: moves the lifecycle; "resolved" opens the resolution form instead. */
export const cardStatusSelected: ClickHandler = async (services, args) => {
  const incident = await cardIncident(services, args);
  const to = parseStatus(actionValueOf(args.action));
  if (to === 'resolved') return openResolveForm(services, args, incident);
  await changeStatus(services.deps, {
    teamId: incident.teamId,
    incidentId: incident.id,
    to,
    actorId: args.body.user.id,
  });
};
