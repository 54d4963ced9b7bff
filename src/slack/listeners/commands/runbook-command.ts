import { DomainError } from '../../../platform/errors.ts';
import { runbookChoices, startRunbook } from '../../../runbooks/index.ts';
import { runbookPickView } from '../../blocks/runbook-modals.ts';
import { incidentForChannel } from '../../incident-access.ts';
import type { Subcommand } from './subcommand.ts';

/** `/incident runbook <name>` starts a runbook checklist; without a name it opens a picker. */
export const runbookCommand: Subcommand = async (services, { ack, command, client, rest }) => {
  const incident = await incidentForChannel(services, client, command);
  const teamId = incident.teamId;
  if (!rest) {
    const choices = await runbookChoices(services.deps, { teamId, incidentId: incident.id });
    if (choices.matching.length + choices.others.length === 0)
      throw new DomainError('runbook.none', services.copy.render('runbooks.none'), 'mrkdwn');
    await ack();
    await client.views.open({
      trigger_id: command.trigger_id,
      view: runbookPickView(services.copy, {
        incidentId: choices.incident.id,
        matching: choices.matching,
        others: choices.others,
      }),
    });
    return;
  }
  await startRunbook(services.deps, { teamId, incidentId: incident.id, name: rest.trim(), userId: command.user_id });
  await ack();
};
