import { assignRoles, requireRole } from '../../../incidents/index.ts';
import { DomainError } from '../../../platform/errors.ts';
import { incidentForCommand } from '../../incident-access.ts';
import { firstWord, parseMention } from '../../parse/lifecycle-args.ts';
import type { Subcommand } from './subcommand.ts';

/** `/incident role <role> @user`: gives a role; the person is invited to the channel. */
export const roleCommand: Subcommand = async (services, { ack, command, client, rest }) => {
  const { incident, rest: text } = await incidentForCommand(services, client, command, rest);
  const { word, rest: who } = firstWord(text);
  const usage = services.copy.render('commands.usage_role');
  if (!word) throw new DomainError('command.usage', usage, 'mrkdwn');
  const role = requireRole(services.config, word);
  const userId = parseMention(who, usage, services.copy.render('commands.mention_plain', { typed: who, usage }));
  const changed = await assignRoles(services.deps, {
    teamId: command.team_id,
    incidentId: incident.id,
    actorId: command.user_id,
    assignments: [{ role: role.id, userId }],
  });
  await ack({
    response_type: 'ephemeral',
    text: services.copy.render('roles.assigned_reply', { changed: changed.length > 0 }),
  });
};
