import { changeStatus, type IncidentStatus, incidentStatuses, parseStatus, requireTransition } from '../../../incidents/index.ts';
import { DomainError } from '../../../platform/errors.ts';
import { resolveModalView } from '../../blocks/lifecycle-modals.ts';
import { incidentForCommand } from '../../incident-access.ts';
import type { Subcommand, SubcommandArgs } from './subcommand.ts';

/** `/incident status <state>`: moves the lifecycle; "resolved" opens the resolution form. */
export const statusCommand: Subcommand = async (args) => {
  const { incident, rest } = await incidentForCommand(args.services, args.client, args.command, args.rest);
  if (!rest) throw new DomainError('command.usage', args.services.copy.render('commands.usage_status', { statuses: incidentStatuses.join(', ') }), 'mrkdwn');
  const to = parseStatus(rest);
  if (to === 'resolved') return openResolveForm(args, incident);
  await moveTo(args, incident.id, to);
};

/** `/incident resolve`: opens the resolution form. */
export const resolveCommand: Subcommand = async (args) => {
  const { incident } = await incidentForCommand(args.services, args.client, args.command, args.rest);
  await openResolveForm(args, incident);
};

/** `/incident reopen`: takes a resolved or closed incident back to investigating. */
export const reopenCommand: Subcommand = async (args) => {
  const { incident } = await incidentForCommand(args.services, args.client, args.command, args.rest);
  await moveTo(args, incident.id, 'investigating');
};

/** `/incident close`: closes a resolved incident. */
export const closeCommand: Subcommand = async (args) => {
  const { incident } = await incidentForCommand(args.services, args.client, args.command, args.rest);
  await moveTo(args, incident.id, 'closed');
};

async function moveTo(args: SubcommandArgs, incidentId: number, to: IncidentStatus): Promise<void> {
  await changeStatus(args.services.deps, { teamId: args.command.team_id, incidentId, to, actorId: args.command.user_id });
  await args.ack({ response_type: 'ephemeral', text: args.services.copy.render('commands.done') });
}

async function openResolveForm(args: SubcommandArgs, incident: Parameters<typeof resolveModalView>[2]): Promise<void> {
  // Checked before the form opens, so nobody fills it in for nothing.
  requireTransition(incident.status, 'resolved');
  await args.ack();
  await args.client.views.open({ trigger_id: args.command.trigger_id, view: resolveModalView(args.services.copy, args.services.config, incident, args.services.deps.clock.now()) });
}
