import { incidentStatuses, parseStatus } from '../../../incidents/index.ts';
import { DomainError } from '../../../platform/errors.ts';
import { incidentForCommand } from '../../incident-access.ts';
import { moveTo, openResolveForm } from './status-change.ts';
import type { Subcommand } from './subcommand.ts';

/** `/incident status <state>`: moves the lifecycle; "resolved" opens the resolution form. */
export const statusCommand: Subcommand = async (services, args) => {
  const { incident, rest } = await incidentForCommand(services, args.client, args.command, args.rest);
  if (!rest)
    throw new DomainError(
      'command.usage',
      services.copy.render('commands.usage_status', { statuses: incidentStatuses.join(', ') }),
      'mrkdwn',
    );
  const to = parseStatus(rest);
  if (to === 'resolved') return openResolveForm(services, args, incident);
  await moveTo(services, args, incident.id, to);
};
