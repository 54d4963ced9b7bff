import { changeSeverity } from '../../../incidents/index.ts';
import { DomainError } from '../../../platform/errors.ts';
import { incidentForCommand } from '../../incident-access.ts';
import { firstWord } from '../../parse/lifecycle-args.ts';
import type { Subcommand } from './subcommand.ts';

/** `/incident sev <level> <reason>`: changes severity; the reason is required. */
export const severityCommand: Subcommand = async (services, { ack, command, client, rest }) => {
  const { incident, rest: text } = await incidentForCommand(services, client, command, rest);
  const { word: severity, rest: reason } = firstWord(text);
  if (!severity) throw new DomainError('command.usage', services.copy.render('commands.usage_sev'), 'mrkdwn');
  await changeSeverity(services.deps, {
    teamId: command.team_id,
    incidentId: incident.id,
    severity,
    reason,
    actorId: command.user_id,
  });
  await ack({ response_type: 'ephemeral', text: services.copy.render('commands.done') });
};
