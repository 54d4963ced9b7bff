import type { WebClient } from '@slack/web-api';
import {
  findIncidentByChannel,
  findIncidentById,
  findIncidentByNumber,
  type Incident,
  incidentRef,
  listOpenIncidents,
} from '../incidents/index.ts';
import { DomainError } from '../platform/errors.ts';
import { findRun, type RunbookRun } from '../runbooks/index.ts';
import { splitIncidentRef } from './parse/lifecycle-args.ts';
import type { SlackServices } from './services.ts';

// Incident numbers are PostgreSQL integers: a larger one cannot exist, and must not reach a query.
const maxIncidentNumber = 2_147_483_647;

/**
 * The one answer for an incident a person cannot see, whether it does not exist or is private and
 * they are not in its channel: two different answers would tell a non-member which numbers exist.
 */
export function incidentNotVisible(services: SlackServices, ref?: string): DomainError {
  return new DomainError(
    'incident.not_visible',
    services.copy.render('errors.incident_not_visible', { ref: ref ?? '' }),
    'mrkdwn',
  );
}

/** Whether `userId` is in the incident's channel, asked of Slack (never taken from a payload). */
async function isChannelMember(client: WebClient, channelId: string, userId: string): Promise<boolean> {
  let cursor: string | undefined;
  do {
    const page = await client.conversations.members({ channel: channelId, limit: 1000, cursor });
    if (page.members?.includes(userId)) return true;
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return false;
}

/** Whether the person may see the incident: public ones anyone, private ones only the members of its channel. */
export async function canSeeIncident(client: WebClient, incident: Incident, userId: string): Promise<boolean> {
  if (!incident.isPrivate) return true;
  if (!incident.channelId) return false;
  return isChannelMember(client, incident.channelId, userId);
}

/**
 * Refuses a private incident to anyone not in its channel. Asked of Slack on every command, click,
 * submission and page turn, so someone removed from the channel loses access at once.
 */
export async function requireAccess(
  services: SlackServices,
  client: WebClient,
  incident: Incident,
  userId: string,
  ref?: string,
): Promise<Incident> {
  if (await canSeeIncident(client, incident, userId)) return incident;
  throw incidentNotVisible(services, ref);
}

type CommandOrigin = { team_id: string; channel_id: string; user_id: string };

/** The incident a command is about: one named first ("INC-12 …") or the channel it is run in; access checked. */
export async function incidentForCommand(
  services: SlackServices,
  client: WebClient,
  command: CommandOrigin,
  text: string,
): Promise<{ incident: Incident; rest: string }> {
  const { number, ref, rest } = splitIncidentRef(text);
  if (number === undefined) return { incident: await incidentForChannel(services, client, command), rest };
  const incident =
    number <= maxIncidentNumber
      ? await findIncidentByNumber(services.deps.db, { teamId: command.team_id, number })
      : undefined;
  if (!incident) throw incidentNotVisible(services, ref);
  return { incident: await requireAccess(services, client, incident, command.user_id, ref), rest };
}

/**
 * The incident whose channel a command is run in, access checked. A private incident's channel used by
 * a non-member (a forged channel_id) gets the same answer as any channel that is no incident's.
 */
export async function incidentForChannel(
  services: SlackServices,
  client: WebClient,
  command: CommandOrigin,
): Promise<Incident> {
  const notHere = new DomainError(
    'incident.not_in_channel',
    services.copy.render('errors.not_in_incident_channel'),
    'mrkdwn',
  );
  const incident = await findIncidentByChannel(services.deps.db, {
    teamId: command.team_id,
    channelId: command.channel_id,
  });
  if (!incident || !(await canSeeIncident(client, incident, command.user_id))) throw notHere;
  return incident;
}

/** The incident a button, form or page turn is about (by id, reloaded from the database), access checked. */
export async function incidentForAction(
  services: SlackServices,
  client: WebClient,
  teamId: string,
  incidentId: number,
  userId: string,
): Promise<Incident> {
  const incident = await findIncidentById(services.deps.db, { teamId, id: incidentId });
  if (!incident) throw incidentNotVisible(services);
  return requireAccess(services, client, incident, userId);
}

/** A runbook run and its incident, for a checklist button or the skip form; access to the incident checked. */
export async function runForAction(
  services: SlackServices,
  client: WebClient,
  teamId: string,
  runId: number,
  userId: string,
): Promise<{ run: RunbookRun; incident: Incident }> {
  const run = await findRun(services.deps.db, { teamId, runId });
  if (!run) throw incidentNotVisible(services);
  return { run, incident: await incidentForAction(services, client, teamId, run.incidentId, userId) };
}

/** Open incidents the person may see, newest first: private ones only when they are in its channel. */
export async function visibleOpenIncidents(
  services: SlackServices,
  client: WebClient,
  teamId: string,
  userId: string,
): Promise<Incident[]> {
  const open = await listOpenIncidents(services.deps.db, { teamId });
  const visible = await Promise.all(open.map((incident) => canSeeIncident(client, incident, userId)));
  return open.filter((_, index) => visible[index]);
}

export { incidentRef };
