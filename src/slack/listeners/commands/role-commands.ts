import { incidentRef, listRoleHolders } from '../../../incidents/index.ts';
import { assignRoles, requireRole } from '../../../roles/index.ts';
import { DomainError } from '../../../platform/errors.ts';
import { incidentForCommand } from '../../incident-access.ts';
import { firstWord, parseMention } from '../../parse/lifecycle-args.ts';
import type { Subcommand } from './subcommand.ts';

/** `/incident role <role> @user`: gives a role; the person is invited to the channel. */
export const roleCommand: Subcommand = async ({ ack, command, client, rest, services }) => {
  const { incident, rest: text } = await incidentForCommand(services, client, command, rest);
  const { word, rest: who } = firstWord(text);
  const usage = services.copy.render('commands.usage_role');
  if (!word) throw new DomainError('command.usage', usage, 'mrkdwn');
  const role = requireRole(services.config, word);
  const userId = parseMention(who, usage);
  const changed = await assignRoles(services.deps, { teamId: command.team_id, incidentId: incident.id, actorId: command.user_id, assignments: [{ role: role.id, userId }] });
  await ack({ response_type: 'ephemeral', text: services.copy.render('roles.assigned_reply', { changed: changed.length > 0 }) });
};

/** `/incident roles`: who holds what (members only for a private incident). */
export const rolesCommand: Subcommand = async ({ ack, command, client, rest, services }) => {
  const { incident } = await incidentForCommand(services, client, command, rest);
  const holders = await listRoleHolders(services.deps.db, { teamId: incident.teamId, incidentId: incident.id });
  const required = services.config.severities.find((s) => s.name === incident.severity)?.roles_required ?? [];
  const roles = services.config.roles.map((r) => ({ name: r.name, holder: holders.find((h) => h.role === r.id)?.userId, required: required.includes(r.id) }));
  await ack({ response_type: 'ephemeral', text: services.copy.render('roles.list', { ref: incidentRef(incident), roles }) });
};
