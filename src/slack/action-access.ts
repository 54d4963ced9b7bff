import type { WebClient } from '@slack/web-api';
import { type Action, findActionByNumber, formatActionRef } from '../actions/index.ts';
import { findIncidentById, type Incident } from '../incidents/index.ts';
import { DomainError } from '../platform/errors.ts';
import { canSeeIncident, incidentNotVisible } from './incident-access.ts';
import type { SlackServices } from './services.ts';

// Action numbers are PostgreSQL integers: a larger one cannot exist, and must not reach a query.
const maxActionNumber = 2_147_483_647;

/** Whether the person may see the action: its owner always, anyone else as they may see its incident. */
export async function canSeeAction(
  client: WebClient,
  incident: Incident,
  action: Pick<Action, 'ownerId'>,
  userId: string,
): Promise<boolean> {
  return action.ownerId === userId || canSeeIncident(client, incident, userId);
}

/**
 * A private incident's action goes only to a member of its channel: its owner is told what it is and
 * reminded of it every week, which would tell someone outside what happened. Invite them first.
 */
export async function requireOwnerCanSee(
  services: SlackServices,
  client: WebClient,
  incident: Incident,
  ownerId: string,
): Promise<void> {
  if (await canSeeIncident(client, incident, ownerId)) return;
  throw new DomainError(
    'action.owner_not_member',
    services.copy.render('actions.owner_not_member', { person: `<@${ownerId}>` }),
    'mrkdwn',
  );
}

/**
 * The action with that number and its incident, for a person who may see it. An action that does not
 * exist and one of a private incident they are not in get the same answer, as incidents do.
 */
export async function actionForUser(
  services: SlackServices,
  client: WebClient,
  params: { teamId: string; number: number; userId: string },
): Promise<{ action: Action; incident: Incident }> {
  const ref = formatActionRef(params.number);
  const action =
    params.number <= maxActionNumber
      ? await findActionByNumber(services.deps.db, { teamId: params.teamId, number: params.number })
      : undefined;
  const incident =
    action && (await findIncidentById(services.deps.db, { teamId: params.teamId, id: action.incidentId }));
  if (!action || !incident || !(await canSeeAction(client, incident, action, params.userId)))
    throw incidentNotVisible(services, ref);
  return { action, incident };
}
