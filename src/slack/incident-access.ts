import type { WebClient } from '@slack/web-api';
import { findIncidentByChannel, findIncidentById, findIncidentByNumber, type Incident, incidentRef } from '../incidents/index.ts';
import { DomainError } from '../platform/errors.ts';
import { splitIncidentRef } from './parse/lifecycle-args.ts';
import type { SlackServices } from './services.ts';

/**
 * Refuses a private incident to anyone not in its channel. Asked of Slack on every read, so someone
 * removed from the channel loses access at once. The answer names nothing about the incident.
 */
export async function requireAccess(client: WebClient, incident: Incident, userId: string): Promise<Incident> {
  if (!incident.isPrivate) return incident;
  const refused = new DomainError('incident.private', 'That incident is private; only its members can see it.');
  if (!incident.channelId) throw refused;
  let cursor: string | undefined;
  do {
    const page = await client.conversations.members({ channel: incident.channelId, limit: 1000, ...(cursor ? { cursor } : {}) });
    if (page.members?.includes(userId)) return incident;
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  throw refused;
}

/** The incident a command is about: one named first ("INC-12 …") or the channel it is run in; access checked. */
export async function incidentForCommand(
  services: SlackServices,
  client: WebClient,
  command: { team_id: string; channel_id: string; user_id: string },
  text: string,
): Promise<{ incident: Incident; rest: string }> {
  const { number, rest } = splitIncidentRef(text);
  const incident =
    number === undefined
      ? await findIncidentByChannel(services.deps.db, { teamId: command.team_id, channelId: command.channel_id })
      : await findIncidentByNumber(services.deps.db, { teamId: command.team_id, number });
  if (!incident) {
    if (number !== undefined) throw new DomainError('incident.not_found', `There is no INC-${number}.`);
    throw new DomainError('incident.not_in_channel', services.copy.render('errors.not_in_incident_channel'));
  }
  return { incident: await requireAccess(client, incident, command.user_id), rest };
}

/** The incident a button or form is about (by id), access checked for the person acting. */
export async function incidentForAction(services: SlackServices, client: WebClient, teamId: string, incidentId: number, userId: string): Promise<Incident> {
  const incident = await findIncidentById(services.deps.db, { teamId, id: incidentId });
  if (!incident) throw new DomainError('incident.not_found', 'That incident does not exist (any more).');
  return requireAccess(client, incident, userId);
}

export { incidentRef };
