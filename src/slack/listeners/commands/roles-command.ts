import { incidentRef, roleHoldersOf } from '../../../incidents/index.ts';
import { incidentForCommand } from '../../incident-access.ts';
import type { Subcommand } from './subcommand.ts';

/** `/incident roles`: who holds what (members only for a private incident). */
export const rolesCommand: Subcommand = async (services, { ack, command, client, rest }) => {
  const { incident } = await incidentForCommand(services, client, command, rest);
  const holders = await roleHoldersOf(services.deps, { teamId: incident.teamId, incidentId: incident.id });
  const required = services.config.severities.find((s) => s.name === incident.severity)?.roles_required ?? [];
  const roles = services.config.roles.map((r) => ({
    name: r.name,
    holder: holders.find((h) => h.role === r.id)?.userId,
    required: required.includes(r.id),
  }));
  await ack({
    response_type: 'ephemeral',
    text: services.copy.render('roles.list', { ref: incidentRef(incident), roles }),
  });
};
