import { requestEvidenceExport } from '../../../evidence/index.ts';
import { DomainError } from '../../../platform/errors.ts';
import { incidentForChannel } from '../../incident-access.ts';
import type { Subcommand } from './subcommand.ts';

/**
 * `/incident export`: in an incident channel (a private one only for its members), queues the evidence
 * bundle's upload to that channel and says it is being prepared.
 */
export const exportCommand: Subcommand = async (services, { ack, command, client, rest }) => {
  const incident = await incidentForChannel(services, client, command);
  if (rest.trim() !== '') throw new DomainError('command.usage', services.copy.render('evidence.usage'), 'mrkdwn');
  await requestEvidenceExport(services.deps, {
    teamId: command.team_id,
    incidentId: incident.id,
    actorId: command.user_id,
    requestKey: `command:${command.trigger_id}`,
  });
  await ack({ response_type: 'ephemeral', text: services.copy.render('evidence.preparing') });
};
